using System.Globalization;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>
/// What makes <c>restore --restore-id ID</c> resume: the id is chosen before the restore starts, so it can be printed
/// even when the first step fails, and a rerun finds the database the earlier attempt wrote into.
/// </summary>
internal sealed class RestoreResumption(BackupStorage storage)
{
    /// <summary>The core's format (<c>restore-20261127T080000Z-1a2b3c4d</c>), chosen here so it is known up front.</summary>
    public static string NewRestoreId(TimeProvider time) =>
        $"restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>
    /// The target of an earlier attempt of <paramref name="restoreId"/>, or null when it never started. Progress is
    /// kept per restore id, not per target: resuming into another database would skip the steps already done.
    /// </summary>
    public async Task<string?> EarlierTargetAsync(string restoreId, CancellationToken cancellationToken) =>
        (await new RestoreProgress(storage.Restores).FindAsync(restoreId, cancellationToken).ConfigureAwait(false))?.Start.TargetDatabase;
}
