using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Failover;

/// <summary>
/// The failover drill's switch in Azure against recorded Resource Manager answers: the regions read from Front Door's
/// origins, a switch that moves Cosmos DB's write region before Front Door's traffic, and refusals as the drill's reasons.
/// </summary>
public sealed class ResourceManagerRegionSwitchTests
{
    private static readonly string FailoverAction = $"{AccountPath}/failoverPriorityChange";

    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    [Fact]
    public async Task ReadAsync_Origins_GivesTheRegionsInPriorityOrderWithTheirUrls()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));

        var layout = await Sut().ReadAsync(CancellationToken.None);

        Assert.Equal(["westeurope", "northeurope"], layout.Order);
        Assert.Equal("westeurope", layout.Serving);
        Assert.Equal(new Uri("https://app-north.azurewebsites.net"), layout.Regions.Single(region => region.Name == "northeurope").Url);
    }

    [Fact]
    public async Task ReadAsync_PrimaryOriginDisabled_ServesFromTheOtherAndSaysSo()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Disabled"), ("secondary", 2, "Enabled")));

        var layout = await Sut().ReadAsync(CancellationToken.None);

        Assert.Equal("northeurope", layout.Serving);
        Assert.Equal("disabled", layout.Regions.Single(region => region.Name == "westeurope").State);
    }

    [Fact]
    public async Task SetOrderAsync_SecondaryFirst_MovesCosmosDbsWriteRegionThenFrontDoorsTraffic()
    {
        arm.On("GET", AccountPath, AccountInRegions(write: "West Europe", read: "North Europe"));
        arm.On("POST", FailoverAction, Accepted(FailoverAction, "op-c"));
        arm.On("GET", OperationPath("op-c"), InProgress("op-c"), Succeeded("op-c"));
        arm.On("GET", $"{GroupPath}/origins",
            Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")),
            Origins(("primary", 2, "Enabled"), ("secondary", 1, "Enabled")));
        ScriptPatch("secondary", "op-s");
        ScriptPatch("primary", "op-p");

        var layout = await Sut().SetOrderAsync(["northeurope", "westeurope"], CancellationToken.None);

        Assert.Equal(["northeurope", "westeurope"], layout.Order);
        Assert.Equal(
            """{"failoverPolicies":[{"locationName":"North Europe","failoverPriority":0},{"locationName":"West Europe","failoverPriority":1}]}""",
            Assert.Single(arm.To("POST", FailoverAction)).Json.ToJsonString());
        var requests = arm.Requests.Select(request => $"{request.Method} {request.Path}").ToList();
        Assert.True(requests.IndexOf($"GET {OperationPath("op-c")}") < requests.IndexOf($"PATCH {OriginPath("secondary")}"), "the write region moves before the traffic");
    }

    [Fact]
    public async Task SetOrderAsync_WriteRegionAlreadyThere_AsAfterAForcedFailover_OnlyMovesTheTraffic()
    {
        arm.On("GET", AccountPath, AccountInRegions(write: "North Europe", read: "West Europe"));
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")), Origins(("primary", 2, "Enabled"), ("secondary", 1, "Enabled")));
        ScriptPatch("secondary", "op-s");
        ScriptPatch("primary", "op-p");

        await Sut().SetOrderAsync(["northeurope", "westeurope"], CancellationToken.None);

        Assert.Empty(arm.To("POST", FailoverAction));
        Assert.Single(arm.To("PATCH", OriginPath("secondary")));
    }

    [Fact]
    public async Task SetOrderAsync_CosmosDbFailoverConflicts_IsTheDrillsReasonAndFrontDoorIsLeftAlone()
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("POST", FailoverAction, new RecordedArm.Answer(409, """{"error":{"code":"Conflict","message":"Another failover is in progress."}}"""));

        var failure = await Assert.ThrowsAsync<RegionSwitchException>(() => Sut().SetOrderAsync(["northeurope", "westeurope"], CancellationToken.None));

        Assert.Contains("conflicts with another operation in progress", failure.Message, StringComparison.Ordinal);
        Assert.IsType<RecoveryArmException>(failure.InnerException);
        Assert.Empty(arm.To("PATCH", OriginPath("secondary")));
    }

    [Theory]
    [InlineData("southeurope", "westeurope")]
    [InlineData("northeurope", "northeurope")]
    public async Task SetOrderAsync_UnknownOrRepeatedRegion_IsRefusedBeforeAnyCall(string first, string second)
    {
        await Assert.ThrowsAsync<RegionSwitchException>(() => Sut().SetOrderAsync([first, second], CancellationToken.None));

        Assert.Empty(arm.Requests);
    }

    private void ScriptPatch(string origin, string operation)
    {
        arm.On("PATCH", OriginPath(origin), Accepted(OriginPath(origin), operation));
        arm.On("GET", OperationPath(operation), Succeeded(operation));
        arm.On("GET", OriginPath(origin), Origin(origin, 1));
    }

    private ResourceManagerRegionSwitch Sut()
    {
        var drill = new FailoverDrillOptions { Switch = RegionSwitchKind.ResourceManager };
        drill.Regions.Add(new FailoverRegionOptions { Name = "westeurope", Origin = "primary", CosmosRegion = "West Europe", Url = "https://app-west.azurewebsites.net" });
        drill.Regions.Add(new FailoverRegionOptions { Name = "northeurope", Origin = "secondary", CosmosRegion = "North Europe", Url = "https://app-north.azurewebsites.net" });
        return new ResourceManagerRegionSwitch(
            new FrontDoorOrigins(arm.Client(time), arm.RestClient(time), Options(), time),
            new CosmosAccountRegions(arm.Client(time), Options()),
            new CosmosFailover(arm.RestClient(time), Options(), time),
            Microsoft.Extensions.Options.Options.Create(drill));
    }
}
