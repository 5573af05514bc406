using System.Globalization;
using System.Security.Cryptography;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>
/// Names an export blob <c>{32 hex}/astrobot-export-yyyy-MM-dd.zip</c>: the folder is 128 random bits, so a link
/// cannot be guessed from another one, and every export has a name never used before (Meta caches by URL).
/// The file name is what the user sees in WhatsApp.
/// </summary>
public static class ExportBlobName
{
    /// <summary>How many random bits the name carries.</summary>
    public const int RandomBits = 128;

    /// <summary>A fresh name for an export generated at <paramref name="generatedAt"/>.</summary>
    public static string Create(DateTimeOffset generatedAt) =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBits / 8))}/{FileNameFor(generatedAt)}";

    /// <summary>The file name of an export generated at <paramref name="generatedAt"/> (UTC day).</summary>
    public static string FileNameFor(DateTimeOffset generatedAt) =>
        "astrobot-export-" + generatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".zip";

    /// <summary>The file name part of a blob name made by <see cref="Create"/>.</summary>
    public static string FileNameOf(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return blobName[(blobName.LastIndexOf('/') + 1)..];
    }
}
