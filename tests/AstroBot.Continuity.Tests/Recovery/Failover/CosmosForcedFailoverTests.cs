using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Failover;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

/// <summary>The automated failover's forced failover in Azure against recorded Resource Manager answers.</summary>
public sealed class CosmosForcedFailoverTests
{
    private static readonly string OfflineAction = $"{AccountPath}/offlineRegion";

    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    [Fact]
    public async Task TakeOfflineAsync_FailedPrimary_TakesItsCosmosRegionOfflineAndSaysSo()
    {
        arm.On("POST", OfflineAction, Accepted(OfflineAction, "op"));
        arm.On("GET", OperationPath("op"), InProgress("op"), Succeeded("op"));

        var done = await Sut().TakeOfflineAsync("westeurope", CancellationToken.None);

        Assert.Equal("Cosmos DB region West Europe taken offline (forced failover)", done);
        Assert.Equal("""{"region":"West Europe"}""", Assert.Single(arm.To("POST", OfflineAction)).Json.ToJsonString());
        Assert.Empty(arm.Unscripted);
    }

    [Fact]
    public async Task TakeOfflineAsync_OperationFails_IsASwitchFailureWithAzuresReason()
    {
        arm.On("POST", OfflineAction, Accepted(OfflineAction, "op"));
        arm.On("GET", OperationPath("op"), Failed("op", "BadRequest", "The region is already offline."));

        var failure = await Assert.ThrowsAsync<RegionSwitchException>(() => Sut().TakeOfflineAsync("westeurope", CancellationToken.None));

        Assert.Contains("The region is already offline.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeOfflineAsync_UnknownRegion_IsRefusedBeforeAnyCall()
    {
        await Assert.ThrowsAsync<RegionSwitchException>(() => Sut().TakeOfflineAsync("southeurope", CancellationToken.None));

        Assert.Empty(arm.Requests);
    }

    private CosmosForcedFailover Sut()
    {
        var drill = new FailoverDrillOptions { Switch = RegionSwitchKind.ResourceManager };
        drill.Regions.Add(new FailoverRegionOptions { Name = "westeurope", Origin = "primary", CosmosRegion = "West Europe", Url = "https://app-west.azurewebsites.net" });
        drill.Regions.Add(new FailoverRegionOptions { Name = "northeurope", Origin = "secondary", CosmosRegion = "North Europe", Url = "https://app-north.azurewebsites.net" });
        return new CosmosForcedFailover(new CosmosFailover(arm.RestClient(time), Options(), time), Microsoft.Extensions.Options.Options.Create(drill));
    }
}
