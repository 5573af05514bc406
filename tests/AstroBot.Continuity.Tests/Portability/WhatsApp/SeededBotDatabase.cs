using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

/// <summary>A small seeded bot database of its own on the Cosmos DB emulator, shared by the tests of one class (each test takes its own user).</summary>
public sealed class SeededBotDatabase : IAsyncLifetime
{
    private static readonly SeedRequest Seed = new(Users: 8, ReadingsPerUser: 1, Seed: 4046, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public CosmosTestDatabase Database { get; } = new();

    public IReadOnlyList<UserDataSet> Users { get; } = [.. SeedGenerator.Generate(Seed)];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await new SeedWriter(Options.Create(Database.Options), TimeProvider.System, NullLogger<SeedWriter>.Instance)
            .WriteAsync(Seed, null, CancellationToken.None);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}
