using Azure;

namespace AstroBot.Continuity.Backup.Health;

/// <summary>
/// The backup account's geo-replication: the secondary's last sync time (everything written before it is readable
/// in the other region). Only the secondary endpoint answers this, so without one it is unknown.
/// </summary>
public sealed class GeoReplication(BackupStorage storage)
{
    /// <summary>True when <c>Backup:SecondaryBlobEndpoint</c> names a secondary to check.</summary>
    public bool IsConfigured => storage.Secondary() is not null;

    /// <summary>The last sync time, or null when there is no secondary configured or it cannot be reached.</summary>
    public async Task<DateTimeOffset?> LastSyncTimeAsync(CancellationToken cancellationToken)
    {
        if (storage.Secondary() is not { } secondary)
        {
            return null;
        }

        try
        {
            var statistics = await secondary.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            return statistics.Value.GeoReplication?.LastSyncedOn;
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }
}
