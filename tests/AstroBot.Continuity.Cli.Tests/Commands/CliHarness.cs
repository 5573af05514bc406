using System.Security.Cryptography;
using System.Text.Json;
using AstroBot.Continuity.Cli.Commands;
using AstroBot.Continuity.Cli.Configuration;
using AstroBot.Continuity.Cli.Tests.LocalHost;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands;

/// <summary>
/// Runs <c>continuity</c> in-process against the emulators, as an operator would, with a world of its own: its own
/// database, backup container, tables and key-encryption key, passed as <c>--config</c>. Everything is dropped at
/// the end, restore targets included.
/// </summary>
public sealed class CliHarness : IAsyncLifetime
{
    private const int SeedUsers = 3;
    private const int SeedReadingsPerUser = 2;
    private const int SeedDefault = 22;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly List<string> databases = [];

    public CliHarness()
    {
        Database = Unique("cli");
        Settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Cosmos:Endpoint"] = EmulatorEndpoints.CosmosEndpoint,
            ["Cosmos:DatabaseName"] = Database,
            ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:SecondaryBlobEndpoint"] = "http://127.0.0.1:10000/devstoreaccount1-secondary",
            ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName("backups"),
            ["Backup:CatalogTableName"] = EmulatorEndpoints.UniqueName("catalog"),
            ["Backup:RestoreTableName"] = EmulatorEndpoints.UniqueName("restores"),
            ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
            ["Backup:ScratchDatabasePrefix"] = Unique("scratch") + "-",
            ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
            ["Portability:AuditTableName"] = EmulatorEndpoints.UniqueName("audit"),
            ["Identity:DirectoryTableName"] = EmulatorEndpoints.UniqueName("identities"),
            ["FrontDoor:LedgerTableName"] = EmulatorEndpoints.UniqueName("ledger"),
            ["Outbox:TableName"] = EmulatorEndpoints.UniqueName("outbox"),
            ["Incidents:TableName"] = EmulatorEndpoints.UniqueName("incidents"),
            ["Recovery:DrillTableName"] = EmulatorEndpoints.UniqueName("drills"),
            ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
    }

    /// <summary>The bot's database in this world.</summary>
    public string Database { get; }

    /// <summary>Every setting of this world; <see cref="InvokeAsync"/> passes each as <c>--config KEY=VALUE</c>.</summary>
    public Dictionary<string, string> Settings { get; }

    /// <summary>Items the seed wrote, once <see cref="SeedAsync"/> ran.</summary>
    public long SeededItems { get; private set; }

    /// <summary>The users <see cref="SeedAsync"/> writes (<c>continuity seed</c>'s default seed): their wa_ids and documents.</summary>
    public static IReadOnlyList<UserDataSet> SeededUsers { get; } = [.. SeedGenerator.Generate(new SeedRequest(SeedUsers, SeedReadingsPerUser, SeedDefault, DateTimeOffset.UnixEpoch))];

    public BlobContainerClient Archives => new BlobServiceClient(EmulatorEndpoints.StorageConnectionString).GetBlobContainerClient(Settings["Backup:ContainerName"]);

    public CosmosClient Cosmos { get; } = new CosmosClientFactory(new CosmosOptions { Endpoint = EmulatorEndpoints.CosmosEndpoint, Key = EmulatorEndpoints.CosmosKey }).Create();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Creates this world's database with every container of the bot's data and nothing in them (an import target).</summary>
    public Task CreateEmptyDatabaseAsync() => DatabaseInitializer.EnsureCreatedAsync(Cosmos, Database, CancellationToken.None);

    /// <summary>A database name in this world, dropped at the end (restore targets).</summary>
    public string NewDatabaseName(string prefix)
    {
        var name = Unique(prefix);
        databases.Add(name);
        return name;
    }

    /// <summary>The clock of the commands' backend services (<see cref="ContinuityInvocation.Time"/>); null for the system clock.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary><c>continuity ARGS --config ...</c>, with stdout and stderr captured.</summary>
    public async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);
        string[] commandLine = [.. args, .. Settings.SelectMany(setting => new[] { "--config", $"{setting.Key}={setting.Value}" })];
        var exitCode = await ContinuityCommandLine.InvokeAsync(commandLine, new ContinuityInvocation { Output = output, Error = error, Time = Time }, timeout.Token);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The backend's services in this world, built as a command builds them, for what a test sets up directly (people in the identity directory).</summary>
    public ServiceProvider BuildServices() => BackendServices.Build(CliConfiguration.Build(Settings.Select(setting => $"{setting.Key}={setting.Value}")));

    /// <summary>Seeds a tiny bot database through <c>continuity seed</c>.</summary>
    public async Task SeedAsync()
    {
        var run = await InvokeAsync("seed", "--users", $"{SeedUsers}", "--readings-per-user", $"{SeedReadingsPerUser}", "--json");
        run.AssertExitCode(0);
        SeededItems = run.Json().GetProperty("total_items").GetInt64();
    }

    /// <summary><c>continuity backup run</c> with <paramref name="options"/>; returns the committed backup's id.</summary>
    public async Task<string> BackupAsync(params string[] options)
    {
        var run = await InvokeAsync(["backup", "run", "--json", .. options]);
        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal("committed", result.GetProperty("outcome").GetString());
        return result.GetProperty("entry").GetProperty("backup_id").GetString()!;
    }

    /// <summary>Every item of <paramref name="waId"/> in <paramref name="database"/>, per container (single-partition queries).</summary>
    public async Task<Dictionary<string, List<JsonElement>>> ItemsOfAsync(string database, string waId)
    {
        var items = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var container in BotDataModel.Containers)
        {
            items[container.Name] = [];
            var query = new QueryDefinition("SELECT * FROM c WHERE c.wa_id = @waId").WithParameter("@waId", waId);
            using var feed = Cosmos.GetContainer(database, container.Name).GetItemQueryStreamIterator(query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(waId) });
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var document = await JsonDocument.ParseAsync(page.Content);
                items[container.Name].AddRange(document.RootElement.GetProperty("Documents").EnumerateArray().Select(item => item.Clone()));
            }
        }

        return items;
    }

    /// <summary>How many items <paramref name="database"/> holds, over every container of the bot's data.</summary>
    public async Task<long> CountItemsAsync(string database)
    {
        long count = 0;
        foreach (var container in BotDataModel.Containers)
        {
            using var feed = Cosmos.GetContainer(database, container.Name).GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 500 });
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var document = await JsonDocument.ParseAsync(page.Content);
                count += document.RootElement.GetProperty("Documents").GetArrayLength();
            }
        }

        return count;
    }

    public async Task DisposeAsync()
    {
        foreach (var database in databases.Append(Database))
        {
            await LocalHostFixture.DropDatabaseAsync(Cosmos, database);
        }

        await Archives.DeleteIfExistsAsync();
        var tables = new TableServiceClient(EmulatorEndpoints.StorageConnectionString);
        foreach (var key in new[] { "Backup:CatalogTableName", "Backup:RestoreTableName", "Backup:ErasureTableName", "Crypto:UserKeyTableName", "Portability:AuditTableName", "Identity:DirectoryTableName", "FrontDoor:LedgerTableName", "Outbox:TableName", "Incidents:TableName", "Recovery:DrillTableName" })
        {
            await tables.DeleteTableAsync(Settings[key]);
        }

        Cosmos.Dispose();
    }

    // Cosmos database names here: letters and digits, unique per call.
    private static string Unique(string prefix) => EmulatorEndpoints.UniqueName(prefix);
}
