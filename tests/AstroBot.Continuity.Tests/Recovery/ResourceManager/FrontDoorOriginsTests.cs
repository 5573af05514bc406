using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary>Front Door's origin priorities against recorded answers: the swap, its undo, and what refusals become.</summary>
public sealed class FrontDoorOriginsTests
{
    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    [Fact]
    public async Task MakePrimaryAsync_Secondary_PromotesItThenDemotesThePrimaryAndReturnsThePreviousPriorities()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));
        ScriptPatch("secondary", "op-s");
        ScriptPatch("primary", "op-p");

        var previous = await Sut().MakePrimaryAsync("secondary", CancellationToken.None);

        Assert.Equal([new FrontDoorOrigin("primary", 1, "Enabled"), new FrontDoorOrigin("secondary", 2, "Enabled")], previous);
        Assert.Empty(arm.Unscripted);
        Assert.Equal(
            [$"GET {GroupPath}/origins", $"PATCH {OriginPath("secondary")}", $"GET {OperationPath("op-s")}", $"GET {OperationPath("op-s")}", $"GET {OriginPath("secondary")}",
             $"PATCH {OriginPath("primary")}", $"GET {OperationPath("op-p")}", $"GET {OperationPath("op-p")}", $"GET {OriginPath("primary")}"],
            arm.Requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.All(arm.Requests.Where(request => !request.Path.Contains("operationsStatus", StringComparison.Ordinal)), request =>
        {
            Assert.Equal(FrontDoorArm.ApiVersion, request.ApiVersion);
            Assert.Equal($"Bearer {RecordedArm.Token}", request.Authorization);
        });
        // The generic model always writes a location; an origin has none (whether Microsoft.Cdn accepts the null was not tried).
        Assert.Equal("""{"properties":{"priority":1,"enabledState":"Enabled"},"location":null}""", Assert.Single(arm.To("PATCH", OriginPath("secondary"))).Body);
        var promoted = Assert.Single(arm.To("PATCH", OriginPath("secondary"))).Json["properties"]!;
        Assert.Equal("""{"priority":1,"enabledState":"Enabled"}""", promoted.ToJsonString());
        var demoted = Assert.Single(arm.To("PATCH", OriginPath("primary"))).Json["properties"]!;
        Assert.Equal("""{"priority":2,"enabledState":"Enabled"}""", demoted.ToJsonString());
    }

    [Fact]
    public async Task RestoreAsync_AfterASwap_PatchesOnlyWhatDiffers()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 2, "Enabled"), ("secondary", 1, "Enabled")));
        ScriptPatch("secondary", "op-s");
        ScriptPatch("primary", "op-p");

        await Sut().RestoreAsync([new FrontDoorOrigin("primary", 1, "Enabled"), new FrontDoorOrigin("secondary", 2, "Enabled")], CancellationToken.None);

        Assert.Equal([OriginPath("primary"), OriginPath("secondary")], arm.Requests.Where(request => request.Method == "PATCH").Select(request => request.Path));
    }

    [Fact]
    public async Task MakePrimaryAsync_AlreadyPrimary_PatchesNothing()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));

        await Sut().MakePrimaryAsync("primary", CancellationToken.None);

        Assert.Single(arm.Requests);
    }

    [Fact]
    public async Task MakePrimaryAsync_UnknownOrigin_IsRefusedNamingTheGroupsOrigins()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().MakePrimaryAsync("tertiary", CancellationToken.None));

        Assert.Equal($"Origin 'tertiary' is not in origin group '{OriginGroup}' of Front Door profile '{Profile}' (it has primary, secondary).", failure.Message);
    }

    [Fact]
    public async Task MakePrimaryAsync_PatchThrottled_WaitsWhatAzureAsksOnTheClock()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Disabled")));
        arm.On("PATCH", OriginPath("secondary"), Throttled(12), Accepted(OriginPath("secondary"), "op-s"));
        arm.On("GET", OperationPath("op-s"), Succeeded("op-s"));
        arm.On("GET", OriginPath("secondary"), Origin("secondary", 1));
        ScriptPatch("primary", "op-p");

        await Sut().MakePrimaryAsync("secondary", CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(12)], time.Waits);
        Assert.Equal("""{"priority":1,"enabledState":"Enabled"}""", arm.To("PATCH", OriginPath("secondary"))[1].Json["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task MakePrimaryAsync_AnotherOperationInProgress_IsRefusedNamingIt()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));
        arm.On("PATCH", OriginPath("secondary"), new RecordedArm.Answer(409, """{"error":{"code":"Conflict","message":"The origin group is being updated."}}"""));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().MakePrimaryAsync("secondary", CancellationToken.None));

        Assert.StartsWith(
            $"Setting origin 'secondary' of origin group '{OriginGroup}' of Front Door profile '{Profile}' to priority 1, Enabled conflicts with another operation in progress there (409 Conflict: The origin group is being updated.).",
            failure.Message, StringComparison.Ordinal);
        Assert.Empty(arm.To("PATCH", OriginPath("primary")));
    }

    [Fact]
    public async Task MakePrimaryAsync_PatchEndsFailed_ThrowsWithAzuresErrorAndLeavesThePrimaryAlone()
    {
        arm.On("GET", $"{GroupPath}/origins", Origins(("primary", 1, "Enabled"), ("secondary", 2, "Enabled")));
        arm.On("PATCH", OriginPath("secondary"), Accepted(OriginPath("secondary"), "op-s"));
        arm.On("GET", OperationPath("op-s"), InProgress("op-s"), Failed("op-s", "BadRequest", "Priority must be between 1 and 5."));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().MakePrimaryAsync("secondary", CancellationToken.None));

        Assert.EndsWith("failed in Azure (BadRequest: Priority must be between 1 and 5.).", failure.Message, StringComparison.Ordinal);
        Assert.Empty(arm.To("PATCH", OriginPath("primary")));
    }

    [Fact]
    public async Task ReadAsync_Origin_ReadsItsPriorityAndState()
    {
        arm.On("GET", OriginPath("secondary"), Origin("secondary", 2, "Disabled"));

        var origin = await Sut().ReadAsync("secondary", CancellationToken.None);

        Assert.Equal(new FrontDoorOrigin("secondary", 2, "Disabled"), origin);
        Assert.Equal(FrontDoorArm.ApiVersion, Assert.Single(arm.Requests).ApiVersion);
    }

    private void ScriptPatch(string origin, string operation)
    {
        arm.On("PATCH", OriginPath(origin), Accepted(OriginPath(origin), operation));
        arm.On("GET", OperationPath(operation), InProgress(operation), Succeeded(operation));
        arm.On("GET", OriginPath(origin), Origin(origin, 1)); // the generic resource reads the patched origin back
    }

    private FrontDoorOrigins Sut() => new(arm.Client(time), arm.RestClient(time), Options(), time);
}
