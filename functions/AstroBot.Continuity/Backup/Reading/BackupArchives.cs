using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>Opens readers over the configured database's backups, in the primary or the secondary region.</summary>
public sealed class BackupArchives(BackupStorage storage, KeyRingProvider keyRings, IOptions<CosmosOptions> cosmosOptions)
{
    public string Database => cosmosOptions.Value.DatabaseName;

    /// <exception cref="InvalidOperationException">The secondary was asked for and <c>Backup:SecondaryBlobEndpoint</c> is not set.</exception>
    public async Task<BackupArchiveReader> OpenAsync(bool fromSecondary, CancellationToken cancellationToken)
    {
        var archives = fromSecondary
            ? storage.Secondary()?.GetBlobContainerClient(storage.Archives.Name)
              ?? throw new InvalidOperationException("Backup:SecondaryBlobEndpoint is not set, so there is no secondary region to read from.")
            : storage.Archives;
        return new BackupArchiveReader(archives, await keyRings.GetAsync(cancellationToken).ConfigureAwait(false), Database);
    }
}
