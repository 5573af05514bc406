using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Data;

/// <summary>Creates the bot's database and every container of <see cref="BotDataModel"/> when they are missing.</summary>
public static class DatabaseInitializer
{
    /// <summary>Idempotent: existing containers are left as they are (their partition key is not changed).</summary>
    public static async Task EnsureCreatedAsync(CosmosClient client, string databaseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);

        DatabaseResponse database = await client
            .CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        foreach (var container in BotDataModel.Containers)
        {
            await database.Database
                .CreateContainerIfNotExistsAsync(new ContainerProperties(container.Name, container.PartitionKeyPath), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
