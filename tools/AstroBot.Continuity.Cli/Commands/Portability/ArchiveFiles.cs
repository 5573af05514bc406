using System.Security.Cryptography;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// Export archives on the operator's disk. A file appears whole or not at all (written beside it, then renamed), is
/// readable by the operator's account alone on Linux and macOS (mode 600: it is a person's data), and is never
/// overwritten unless asked.
/// </summary>
internal static class ArchiveFiles
{
    public const string Extension = ".zip";

    /// <summary>
    /// The name of a user's archive in an <c>export --all</c> directory: the plain WhatsApp id, <c>{wa_id}.zip</c>.
    /// Stable (the same user always gets the same name, so a directory can be re-exported over with --force and
    /// compared) and plain: the names are phone numbers, acceptable on the operator's own machine only.
    /// </summary>
    public static string FileNameFor(string waId) => waId + Extension;

    /// <summary>The archives of a directory: every file ending in .zip (not in subdirectories), enumerated lazily.</summary>
    public static IEnumerable<string> In(string directory) =>
        Directory.EnumerateFiles(directory, "*" + Extension)
            .Where(path => string.Equals(Path.GetExtension(path), Extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes <paramref name="archive"/> to <paramref name="path"/>.</summary>
    /// <returns>False, and nothing written, when <paramref name="path"/> exists and <paramref name="overwrite"/> is false.</returns>
    public static async Task<bool> WriteAsync(string path, byte[] archive, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.partial";
        try
        {
            var stream = new FileStream(temporary, CreateNew());
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(archive, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }

            return true;
        }
        finally
        {
            // Gone after the move; otherwise what a failed or cancelled write left.
            File.Delete(temporary);
        }
    }

    private static FileStreamOptions CreateNew()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
