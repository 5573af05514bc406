using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// The Cosmos DB client backups read with, apart from the bot's: every request it sends is low priority
/// (priority-based execution sheds these first when the account is busy), and it does not retry 429s itself,
/// so the backup sees each one, counts it and backs off on its own terms.
/// </summary>
public sealed class BackupCosmosClient : IDisposable
{
    private readonly Lazy<CosmosClient> client;

    /// <param name="factory">The one factory of the backend's Cosmos DB clients (<c>AddBotData</c>).</param>
    public BackupCosmosClient(CosmosClientFactory factory)
        : this(factory, transport: null)
    {
    }

    /// <param name="transport">A handler between the client and the emulator; tests inject throttling with it.</param>
    internal BackupCosmosClient(CosmosClientFactory factory, DelegatingHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(factory);
        client = new(() => factory.Create(clientOptions =>
        {
            clientOptions.PriorityLevel = PriorityLevel.Low;
            clientOptions.MaxRetryAttemptsOnRateLimitedRequests = 0;
            if (transport is not null)
            {
                transport.InnerHandler = CosmosClientFactory.CreateEmulatorHandler();
                clientOptions.HttpClientFactory = () => new HttpClient(transport, disposeHandler: false);
            }
        }));
    }

    public CosmosClient Client => client.Value;

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }
}
