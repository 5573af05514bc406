using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Portability.WhatsApp;

namespace AstroBot.Continuity.Tests.Availability.Degradation;

/// <summary>
/// DELETE MY DATA, confirmed while Cosmos DB (behind a switchable proxy in front of the emulator) is down: the YES is
/// parked, not failed, and the erasure happens when the drain finds Cosmos DB back.
/// </summary>
public sealed class CosmosOutageTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    [Fact]
    public async Task ProcessAsync_CosmosDownWhenTheErasureIsConfirmed_ParksItAndTheDrainErasesOnceBack()
    {
        await using var cosmos = new SwitchableTcpProxy(new Uri(EmulatorEndpoints.CosmosEndpoint).Port);
        await using var host = await PortabilityHost.StartAsync(data, TimeProvider.System.GetUtcNow(), new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = $"https://127.0.0.1:{cosmos.Port}",
            ["Outage:TableName"] = EmulatorEndpoints.UniqueName("outages"),
            ["Maintenance:CacheDuration"] = "00:00:00",
        });
        var user = data.Users[5];
        await host.SendAsync(user.WaId, "DELETE MY DATA");

        cosmos.Down();
        await host.SendAsync(user.WaId, "yes");

        var outage = await host.Get<OutageStore>().ReadAsync(CancellationToken.None);
        Assert.NotNull(outage);
        Assert.True(outage.IsOpen);
        Assert.NotEqual(PortabilityReplies.DataDeleted, ExportFlow.TextsTo(host, user.WaId)[^1]);

        cosmos.Up();
        var drained = await host.Get<MaintenanceDrainJob>().DrainAsync(CancellationToken.None);

        Assert.Equal(MaintenanceDrainOutcome.Drained, drained.Outcome);
        Assert.Equal(PortabilityReplies.DataDeleted, ExportFlow.TextsTo(host, user.WaId)[^1]);
        Assert.All((await host.Get<UserDataReader>().ReadAsync(user.WaId, CancellationToken.None)).Values, Assert.Empty);
        Assert.False((await host.Get<OutageStore>().ReadAsync(CancellationToken.None))!.IsOpen);
        Assert.Empty(await host.BotMessagesAsync());
    }
}
