using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// Restore targets through the Cosmos DB data plane: what the emulator needs (it has no Resource Manager), and what an
/// account reached with a key allows. An account with local auth off refuses these calls; use Resource Manager there.
/// </summary>
public sealed class DataPlaneRestoreTargets(CosmosClient cosmos) : IRestoreTargetProvisioner
{
    public async Task EnsureCreatedAsync(string database, IEnumerable<string> containers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentNullException.ThrowIfNull(containers);
        var created = await cosmos.CreateDatabaseIfNotExistsAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var container in containers)
        {
            // The SDK refuses (ArgumentException) an existing container whose partition key is another.
            await created.Database.CreateContainerIfNotExistsAsync(container, BotDataModel.PartitionKeyPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string database, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        using var response = await cosmos.GetDatabase(database).DeleteStreamAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // Not found: never created (a restore refused before it began), nothing to delete.
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }
}
