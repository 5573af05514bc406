using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using Azure;
using Microsoft.Extensions.Time.Testing;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary>Cosmos DB's native point-in-time restore into a new account, and its deletion, against recorded answers.</summary>
public sealed class CosmosNativeRestoreTests
{
    private const string Restored = "astrobot-prod-drill-20261128";
    private static readonly DateTimeOffset PointInTime = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    [Fact]
    public async Task RestoreAsync_PointInTheWindow_PutsTheRestoreOfTheLiveAccountsBackupAndFollowsItToTheEnd()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Accepted(NewAccountPath(Restored), "op-r", status: 200));
        arm.On("GET", OperationPath("op-r"), InProgress("op-r"), InProgress("op-r"), Succeeded("op-r"));

        await Sut().RestoreAsync(Restored, PointInTime, CancellationToken.None);

        Assert.Empty(arm.Unscripted);
        Assert.Equal(
            [$"GET {AccountPath}", $"GET {RestorablePath()}", $"PUT {NewAccountPath(Restored)}", $"GET {OperationPath("op-r")}", $"GET {OperationPath("op-r")}", $"GET {OperationPath("op-r")}"],
            arm.Requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.All(arm.Requests, request =>
        {
            Assert.Equal(CosmosArm.ApiVersion, request.ApiVersion);
            Assert.Equal($"Bearer {RecordedArm.Token}", request.Authorization);
        });
        var body = Assert.Single(arm.To("PUT", NewAccountPath(Restored))).Json;
        Assert.Equal("westeurope", (string?)body["location"]);
        Assert.Equal("GlobalDocumentDB", (string?)body["kind"]);
        Assert.Equal("native-restore", (string?)body["tags"]![CosmosNativeRestore.DrillTag]);
        Assert.Equal(
            $$$"""{"databaseAccountOfferType":"Standard","createMode":"Restore","locations":[{"locationName":"westeurope","failoverPriority":0}],"restoreParameters":{"restoreMode":"PointInTime","restoreSource":"{{{RestorablePath()}}}/{{{InstanceId}}}","restoreTimestampInUtc":"2026-11-27T08:00:00Z"}}""",
            body["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task StartRestoreAsync_ThenPollAsync_FollowsTheOperationOneStepAtATime()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Accepted(NewAccountPath(Restored), "op-r", status: 201));
        arm.On("GET", OperationPath("op-r"), InProgress("op-r", retryAfterSeconds: 60), Succeeded("op-r"));

        var started = await Sut().StartRestoreAsync(Restored, PointInTime, CancellationToken.None);
        var first = await Sut().PollAsync(started.Link!, CancellationToken.None);
        var second = await Sut().PollAsync(first.Link!, CancellationToken.None);

        Assert.Equal((false, "Accepted", ArmOperationHeader.AzureAsyncOperation), (started.Completed, started.Status, started.Link!.Header));
        Assert.Equal($"{RecordedArm.Host}{OperationPath("op-r")}?api-version={CosmosArm.ApiVersion}", started.Link.Url.AbsoluteUri);
        Assert.Equal((false, "InProgress", TimeSpan.FromSeconds(60)), (first.Completed, first.Status, first.RetryAfter));
        Assert.Equal((true, "Succeeded", null), (second.Completed, second.Status, second.Link));
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task RestoreAsync_PollsAskingForLongerThanTheInterval_WaitTheLongerOnTheClock()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Accepted(NewAccountPath(Restored), "op-r"));
        arm.On("GET", OperationPath("op-r"), InProgress("op-r", retryAfterSeconds: 60), Succeeded("op-r"));

        await Sut(TimeSpan.FromSeconds(10)).RestoreAsync(Restored, PointInTime, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)], time.Waits);
    }

    [Fact]
    public async Task RestoreAsync_PutThrottled_WaitsWhatAzureAsksOnTheClock()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Throttled(20), Accepted(NewAccountPath(Restored), "op-r"));
        arm.On("GET", OperationPath("op-r"), Succeeded("op-r"));

        await Sut().RestoreAsync(Restored, PointInTime, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(20)], time.Waits);
        Assert.Equal(2, arm.To("PUT", NewAccountPath(Restored)).Count);
    }

    [Fact]
    public async Task RestoreAsync_OperationEndsFailed_ThrowsWithAzuresCodeAndMessage()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Accepted(NewAccountPath(Restored), "op-r"));
        arm.On("GET", OperationPath("op-r"), InProgress("op-r"), Failed("op-r", "BadRequest", "Restore timestamp is before the oldest restorable time."));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().RestoreAsync(Restored, PointInTime, CancellationToken.None));

        Assert.Equal(
            $"Following operation {OperationPath("op-r")} of a native restore drill failed in Azure (BadRequest: Restore timestamp is before the oldest restorable time.).",
            failure.Message);
    }

    [Fact]
    public async Task RestoreAsync_AnotherOperationInProgress_IsRefusedNamingIt()
    {
        ScriptSource();
        arm.On("PUT", NewAccountPath(Restored), Conflict());

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().RestoreAsync(Restored, PointInTime, CancellationToken.None));

        Assert.StartsWith(
            $"Restoring Cosmos DB account '{Account}' as of 2026-11-27T08:00:00Z into new account '{Restored}' conflicts with another operation in progress there (409 Conflict:",
            failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-20T07:59:59Z", "2026-11-20T08:00:00Z to 2026-11-28T09:00:00Z (now)")]
    [InlineData("2026-11-28T09:00:01Z", "2026-11-20T08:00:00Z to 2026-11-28T09:00:00Z (now)")]
    public async Task StartRestoreAsync_PointOutsideTheWindow_IsRefusedBeforeThePut(string point, string window)
    {
        ScriptSource();

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().StartRestoreAsync(Restored, DateTimeOffset.Parse(point, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));

        Assert.Equal($"{point} is outside the restorable window of Cosmos DB account '{Account}': from {window}.", failure.Message);
        Assert.Empty(arm.To("PUT", NewAccountPath(Restored)));
    }

    [Fact]
    public async Task FindRestorableAsync_DeletedNamesake_TakesTheLiveAccountsBackup()
    {
        arm.On("GET", RestorablePath(), Restorable(withDeletedNamesake: true));

        var found = await Sut().FindRestorableAsync("westeurope", CancellationToken.None);

        Assert.Equal((InstanceId, (DateTimeOffset?)null), (found.InstanceId, found.DeletionTime));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), found.WindowStart);
    }

    [Fact]
    public async Task StartRestoreAsync_NoRestorableAccount_IsRefusedSayingWhatToCheck()
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("GET", RestorablePath(), new RecordedArm.Answer(200, """{"value":[]}"""));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().StartRestoreAsync(Restored, PointInTime, CancellationToken.None));

        Assert.Equal(
            $"No restorable account is listed for Cosmos DB account '{Account}' in westeurope: is its backup policy Continuous (bicep/modules/cosmos.bicep), and is westeurope the account's location?",
            failure.Message);
    }

    [Fact]
    public async Task StartRestoreAsync_AppLacksTheSubscriptionRole_NamesIt()
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("GET", RestorablePath(), Forbidden("Microsoft.DocumentDB/locations/restorableDatabaseAccounts/read", RestorablePath()));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().StartRestoreAsync(Restored, PointInTime, CancellationToken.None));

        Assert.Contains($"the role '{RecoveryArmRoles.RestorableAccounts(Subscription)}' on the subscription", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_DrillAccount_DeletesItAndFollowsTheOperation()
    {
        arm.On("DELETE", NewAccountPath(Restored), Accepted(NewAccountPath(Restored), "op-d"));
        arm.On("GET", OperationPath("op-d"), InProgress("op-d"), Succeeded("op-d"));

        await Sut().DeleteAsync(Restored, CancellationToken.None);

        Assert.Equal([$"DELETE {NewAccountPath(Restored)}", $"GET {OperationPath("op-d")}", $"GET {OperationPath("op-d")}"], arm.Requests.Select(request => $"{request.Method} {request.Path}"));
    }

    [Fact]
    public async Task DeleteAsync_AccountGone_IsNotAnError()
    {
        arm.On("DELETE", NewAccountPath(Restored), NotFound());

        await Sut().DeleteAsync(Restored, CancellationToken.None);

        Assert.Single(arm.Requests);
    }

    [Fact]
    public async Task DeleteAsync_ThrottledBeyondTheRetries_LeavesAzuresErrorForARerun()
    {
        arm.On("DELETE", NewAccountPath(Restored), Throttled(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Sut().DeleteAsync(Restored, CancellationToken.None));

        Assert.Equal(429, failure.Status);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], time.Waits);
    }

    [Theory]
    [InlineData(Account)]
    [InlineData("ASTROBOT-PROD-COSMOS-X7")]
    public async Task RestoreOrDelete_TheLiveAccountsName_IsRefusedBeforeAnyRequest(string name)
    {
        var restore = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().RestoreAsync(name, PointInTime, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().DeleteAsync(name, CancellationToken.None));

        Assert.All([restore, delete], failure => Assert.Contains("is the live account", failure.Message, StringComparison.Ordinal));
        Assert.Empty(arm.Requests);
    }

    private void ScriptSource()
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("GET", RestorablePath(), Restorable());
    }

    /// <summary>"Now" is 2026-11-28 09:00 UTC: the end of the restorable window.</summary>
    private CosmosNativeRestore Sut(TimeSpan? pollInterval = null)
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var options = Options(pollInterval);
        return new(arm.Client(time), arm.RestClient(time), new CosmosAccountRegions(arm.Client(time), options), options, new ClockOf(now, time));
    }

    /// <summary>The fake's "now", the recorder's timers.</summary>
    private sealed class ClockOf(FakeTimeProvider now, WaitRecorder timers) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timers.CreateTimer(callback, state, dueTime, period);
    }
}
