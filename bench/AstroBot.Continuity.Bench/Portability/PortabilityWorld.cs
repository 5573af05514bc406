using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Storage;
using Azure;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// One environment of the bot's data for the whole-tenant export and import: a Cosmos DB database, an audit trail
/// table and an erasure journal table of this run only, with the services wired as the <c>continuity</c> CLI wires
/// them (<c>AddContinuityBackend</c>, nothing started). The export reads one, the import writes another.
/// </summary>
internal sealed class PortabilityWorld : IAsyncDisposable
{
    private PortabilityWorld(string name)
    {
        Database = name;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Cosmos:Endpoint"] = "https://127.0.0.1:8081",
            ["Cosmos:DatabaseName"] = name,
            ["Backup:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Backup:ErasureTableName"] = $"{name}erasures",
            ["Portability:AuditTableName"] = $"{name}audit",
        }).Build();
        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddContinuityBackend(configuration)
            .BuildServiceProvider();
    }

    public string Database { get; }

    public ServiceProvider Services { get; }

    /// <summary>The bot's shared client, the one the export and the import use.</summary>
    public CosmosClient Cosmos => Get<CosmosClient>();

    public CosmosOptions CosmosOptions => Get<IOptions<CosmosOptions>>().Value;

    /// <param name="name">The database's name, and the prefix of the tables': letters and digits.</param>
    public static PortabilityWorld Create(string name) => new(name);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The bot's database with every container and nothing in them: an import's target (an import never creates one).</summary>
    public Task CreateEmptyDatabaseAsync(CancellationToken ct) => DatabaseInitializer.EnsureCreatedAsync(Cosmos, Database, ct);

    /// <summary>Removes the database and the tables; each step is best effort.</summary>
    public async Task DeleteResourcesAsync(TextWriter progress)
    {
        await BestEffortAsync(() => CosmosDatabases.DropAsync(Cosmos, Database, CancellationToken.None)).ConfigureAwait(false);
        var tables = Get<StorageClients>().Tables;
        var audit = Get<IOptions<PortabilityOptions>>().Value.AuditTableName;
        var erasures = Get<IOptions<BackupOptions>>().Value.ErasureTableName;
        foreach (var table in new[] { audit, erasures })
        {
            await BestEffortAsync(() => tables.DeleteTableAsync(table, CancellationToken.None)).ConfigureAwait(false);
        }

        async Task BestEffortAsync(Func<Task> action)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is CosmosException or RequestFailedException or HttpRequestException)
            {
                progress.WriteLine($"  cleanup: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
            }
        }
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
