using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Data;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>The data-plane provisioner against the Cosmos DB emulator; every test's databases are its own and dropped after it.</summary>
public sealed class DataPlaneRestoreTargetsTests : IAsyncLifetime
{
    private static readonly string[] Containers = [.. BotDataModel.Containers.Select(container => container.Name)];

    private readonly CosmosTestDatabase cosmos = new();
    private readonly List<string> databases = [];

    private DataPlaneRestoreTargets Sut => new(cosmos.Client);

    public Task InitializeAsync() => cosmos.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            using var _ = await cosmos.Client.GetDatabase(database).DeleteStreamAsync();
        }

        await cosmos.DisposeAsync();
    }

    [Fact]
    public async Task EnsureCreatedAsync_NewDatabase_CreatesEachContainerPartitionedByWaId()
    {
        var database = NewName();

        await Sut.EnsureCreatedAsync(database, Containers, CancellationToken.None);

        foreach (var container in Containers)
        {
            var properties = (await cosmos.Client.GetContainer(database, container).ReadContainerAsync()).Resource;
            Assert.Equal(BotDataModel.PartitionKeyPath, properties.PartitionKeyPath);
        }
    }

    [Fact]
    public async Task EnsureCreatedAsync_OnlySomeContainers_CreatesOnlyThose()
    {
        var database = NewName();

        await Sut.EnsureCreatedAsync(database, ["readings"], CancellationToken.None);

        Assert.Equal(["readings"], await ContainerNamesAsync(database));
    }

    [Fact]
    public async Task EnsureCreatedAsync_CalledAgainOverWrittenItems_KeepsThem()
    {
        var database = NewName();
        await Sut.EnsureCreatedAsync(database, Containers, CancellationToken.None);
        await cosmos.Client.GetContainer(database, "accounts").UpsertItemAsync(new { id = "a1", wa_id = "15550001" }, new PartitionKey("15550001"));

        await Sut.EnsureCreatedAsync(database, Containers, CancellationToken.None);

        var kept = await cosmos.Client.GetContainer(database, "accounts").ReadItemStreamAsync("a1", new PartitionKey("15550001"));
        Assert.Equal(System.Net.HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task EnsureCreatedAsync_ExistingContainerWithAnotherPartitionKey_IsRefused()
    {
        var database = NewName();
        var created = await cosmos.Client.CreateDatabaseIfNotExistsAsync(database);
        await created.Database.CreateContainerIfNotExistsAsync("accounts", "/id");

        await Assert.ThrowsAsync<ArgumentException>(() => Sut.EnsureCreatedAsync(database, ["accounts"], CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_ExistingDatabase_DropsItWithItsContainers()
    {
        var database = NewName();
        await Sut.EnsureCreatedAsync(database, Containers, CancellationToken.None);

        await Sut.DeleteAsync(database, CancellationToken.None);

        using var read = await cosmos.Client.GetDatabase(database).ReadStreamAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task DeleteAsync_DatabaseNeverCreated_IsNotAnError()
    {
        await Sut.DeleteAsync(NewName(), CancellationToken.None);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task EnsureCreatedAsyncAndDeleteAsync_NoName_AreRefused(string database)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Sut.EnsureCreatedAsync(database, Containers, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Sut.DeleteAsync(database, CancellationToken.None));
    }

    private string NewName()
    {
        var name = EmulatorEndpoints.UniqueName("target");
        databases.Add(name);
        return name;
    }

    private async Task<List<string>> ContainerNamesAsync(string database)
    {
        var names = new List<string>();
        using var feed = cosmos.Client.GetDatabase(database).GetContainerQueryIterator<ContainerProperties>();
        while (feed.HasMoreResults)
        {
            names.AddRange((await feed.ReadNextAsync()).Select(container => container.Id));
        }

        return names;
    }
}
