using AstroBot.Continuity.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Data;

public sealed class CosmosReadinessTests(CosmosTestDatabase database) : IClassFixture<CosmosTestDatabase>
{
    private static CosmosReadiness CreateSut(Microsoft.Azure.Cosmos.CosmosClient client, CosmosOptions options) =>
        new(client, Options.Create(options), TimeProvider.System, NullLogger<CosmosReadiness>.Instance) { Timeout = TimeSpan.FromSeconds(3) };

    [Fact]
    public async Task IsReadyAsync_CosmosDown_ReturnsFalse()
    {
        var options = new CosmosOptions { Endpoint = "https://127.0.0.1:1" };
        using var client = new CosmosClientFactory(options).Create();
        var sut = CreateSut(client, options);

        Assert.False(await sut.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyAsync_DatabaseExists_ReturnsTrue()
    {
        await DatabaseInitializer.EnsureCreatedAsync(database.Client, database.Options.DatabaseName, CancellationToken.None);
        var sut = CreateSut(database.Client, database.Options);

        Assert.True(await sut.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyAsync_DatabaseMissing_ReturnsFalse()
    {
        var options = new CosmosOptions { Endpoint = database.Options.Endpoint, Key = database.Options.Key, DatabaseName = "missing" + database.Options.DatabaseName };
        var sut = CreateSut(database.Client, options);

        Assert.False(await sut.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyAsync_CallerCancelled_Throws()
    {
        var sut = CreateSut(database.Client, database.Options);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.IsReadyAsync(cancellation.Token));
    }
}
