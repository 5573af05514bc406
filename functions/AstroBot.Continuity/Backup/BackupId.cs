using System.Globalization;
using System.Security.Cryptography;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// A backup's name: <c>20261127T020000Z-full-1a2b3c4d</c>. It sorts by start time, says its kind, and is unique
/// across instances thanks to the random suffix; it is also the blob prefix of the backup's files.
/// </summary>
public readonly record struct BackupId(string Value)
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static BackupId New(BackupKind kind, DateTimeOffset startedAt) =>
        new($"{startedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{KindName(kind)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    /// <summary>Parses a backup id as the CLI and the HTTP API receive it.</summary>
    /// <exception cref="FormatException">Not a backup id; the message says what one looks like.</exception>
    public static BackupId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('-');
        if (parts.Length != 3
            || !DateTimeOffset.TryParseExact(parts[0], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            || (parts[1] != KindName(BackupKind.Full) && parts[1] != KindName(BackupKind.Incremental))
            || parts[2].Length != 8 || !parts[2].All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException($"'{value}' is not a backup id; ids look like 20261127T020000Z-full-1a2b3c4d (see 'continuity backup list').");
        }

        return new BackupId(value);
    }

    public BackupKind Kind => Value.Contains("-full-", StringComparison.Ordinal) ? BackupKind.Full : BackupKind.Incremental;

    public override string ToString() => Value;

    private static string KindName(BackupKind kind) => kind == BackupKind.Full ? "full" : "incr";
}
