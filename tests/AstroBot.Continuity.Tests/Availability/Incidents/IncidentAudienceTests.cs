using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Availability.Maintenance;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

/// <summary>Recording who writes during an incident never costs a message.</summary>
public sealed class IncidentAudienceTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;

    public async Task InitializeAsync() => world = await IncidentWorlds.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task ProcessAsync_RecordingTheWriterFails_LogsAndTheMessageStillReachesTheBot()
    {
        // An open incident whose id no table key can hold ('/' is refused in keys): every record of a writer fails.
        var table = world.Harness.Get<StorageClients>().Tables.GetTableClient(world.Harness.Get<IOptions<IncidentOptions>>().Value.TableName);
        await table.CreateIfNotExistsAsync();
        var now = world.Time.GetUtcNow();
        await table.AddEntityAsync(new TableEntity("incidents", "current")
        {
            ["IncidentId"] = "broken/id", ["OpenedAt"] = now, ["OpenedBy"] = "ops", ["Message"] = "Down.", ["UpdatedAt"] = now,
        });

        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.kept", "hello"), CancellationToken.None);

        Assert.Equal([(MaintenanceWorld.Alice, "wamid.kept")], await world.BotMessagesAsync());
        Assert.Equal(0, await MaintenanceWorld.CountAsync(world.Harness.PoisonQueue));
    }

    [Fact]
    public async Task ProcessAsync_NoIncidentOpen_RecordsNobody()
    {
        await world.Processor.ProcessAsync(world.Text(MaintenanceWorld.Alice, "wamid.calm", "hello"), CancellationToken.None);

        Assert.Empty(await world.Harness.Get<IncidentStore>().UsersToTellAsync("any", 10, CancellationToken.None));
        Assert.Single(await world.BotMessagesAsync());
    }
}
