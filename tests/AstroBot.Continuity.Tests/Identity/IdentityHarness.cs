using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Data;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Identity;

/// <summary>
/// The identity services as <c>AddIdentity</c> wires them, over a directory table of their own on Azurite and a
/// bot database of their own on the Cosmos DB emulator (for histories kept under a phone number), on a fake clock.
/// </summary>
public sealed class IdentityHarness : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly CosmosTestDatabase database = new();
    private ServiceProvider services = null!;

    public FakeTimeProvider Clock { get; } = new(Start);

    public string TableName { get; } = EmulatorEndpoints.UniqueName("identities");

    public IdentityResolver Resolver => Get<IdentityResolver>();

    public IdentityChangeApplier Changes => Get<IdentityChangeApplier>();

    public IdentityDirectory Directory => Get<IdentityDirectory>();

    public IdentityLookup Lookup => Get<IdentityLookup>();

    public IdentityEraser Eraser => Get<IdentityEraser>();

    public IdentityLinker Linker => Get<IdentityLinker>();

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        services = Build(EmulatorEndpoints.StorageConnectionString);
    }

    /// <summary>The same services with the directory's storage unreachable.</summary>
    public ServiceProvider WithUnreachableStorage() => Build(EmulatorEndpoints.UnreachableStorageConnectionString);

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Writes an account under <paramref name="waId"/>: the bot keeps a history for that key.</summary>
    public async Task WriteAccountAsync(string waId)
    {
        await DatabaseInitializer.EnsureCreatedAsync(database.Client, database.Options.DatabaseName, CancellationToken.None);
        var account = new AccountDocument
        {
            Id = waId,
            WaId = waId,
            DisplayName = "Someone",
            Locale = "en-US",
            Consents = [],
            CreatedAt = Start,
            UpdatedAt = Start,
        };
        await database.Container(BotDataModel.Accounts.Name).UpsertItemAsync(account, new PartitionKey(waId));
    }

    public static UserIdentifiers Phone(string phone) => new(phone, null);

    public static UserIdentifiers Bsuid(string bsuid, string? username = null) => new(null, bsuid, null, username);

    public static UserIdentifiers Both(string phone, string bsuid) => new(phone, bsuid);

    public async Task DisposeAsync()
    {
        await Get<StorageClients>().Tables.DeleteTableAsync(TableName);
        await Get<StorageClients>().Tables.DeleteTableAsync(TableName + "outbox");
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private ServiceProvider Build(string storage)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Identity:DirectoryTableName"] = TableName,
            ["Outbox:TableName"] = TableName + "outbox",
            ["Cosmos:Endpoint"] = database.Options.Endpoint,
            ["Cosmos:Key"] = database.Options.Key,
            ["Cosmos:DatabaseName"] = database.Options.DatabaseName,
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddContinuityBackend(configuration) // the product's registration, as both hosts make it
            .BuildServiceProvider();
    }
}
