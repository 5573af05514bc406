using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using Azure;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary>
/// The two POST actions of a Cosmos DB failover against recorded answers (<see cref="RecordedArm"/>): what is sent, how the
/// operation is followed, and what throttling, a conflict, a missing role and a failed operation become. Never against Azure.
/// </summary>
public sealed class CosmosFailoverTests
{
    private static readonly string[] NorthFirst = ["North Europe", "West Europe"];

    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    public static TheoryData<string> Actions() => new("failoverPriorityChange", "offlineRegion");

    [Fact]
    public async Task ChangeFailoverPrioritiesAsync_Accepted_PostsEveryRegionsPriorityAndFollowsTheOperationToTheEnd()
    {
        Script("failoverPriorityChange", Accepted(ActionPath("failoverPriorityChange"), "op"));

        await Sut().ChangeFailoverPrioritiesAsync(NorthFirst, CancellationToken.None);

        Assert.Empty(arm.Unscripted);
        Assert.Equal(
            [$"POST {ActionPath("failoverPriorityChange")}", $"GET {OperationPath("op")}", $"GET {OperationPath("op")}"],
            arm.Requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.All(arm.Requests, request =>
        {
            Assert.Equal(CosmosArm.ApiVersion, request.ApiVersion);
            Assert.Equal($"Bearer {RecordedArm.Token}", request.Authorization);
        });
        var body = Assert.Single(arm.To("POST", ActionPath("failoverPriorityChange"))).Json;
        Assert.Equal(
            """{"failoverPolicies":[{"locationName":"North Europe","failoverPriority":0},{"locationName":"West Europe","failoverPriority":1}]}""",
            body.ToJsonString());
    }

    [Fact]
    public async Task TakeRegionOfflineAsync_Accepted_PostsTheRegionAndFollowsTheOperationToTheEnd()
    {
        Script("offlineRegion", Accepted(ActionPath("offlineRegion"), "op"));

        await Sut().TakeRegionOfflineAsync("West Europe", CancellationToken.None);

        Assert.Empty(arm.Unscripted);
        Assert.Equal("""{"region":"West Europe"}""", Assert.Single(arm.To("POST", ActionPath("offlineRegion"))).Json.ToJsonString());
        Assert.Equal(2, arm.To("GET", OperationPath("op")).Count);
        Assert.All(arm.Requests, request => Assert.Equal(CosmosArm.ApiVersion, request.ApiVersion));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_ThrottledWithRetryAfter_WaitsWhatAzureAsksOnTheClockThenSendsAgain(string action)
    {
        Script(action, Throttled(7), Throttled(3), Accepted(ActionPath(action), "op"));

        await Run(action);

        Assert.Equal(3, arm.To("POST", ActionPath(action)).Count);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)], time.Waits);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_ThrottledBeyondTheRetries_LeavesAzuresErrorForARerun(string action)
    {
        Script(action, Throttled(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Run(action));

        Assert.Equal(429, failure.Status);
        Assert.Equal(4, arm.To("POST", ActionPath(action)).Count); // the first attempt and 3 retries
        Assert.Empty(arm.To("GET", OperationPath("op")));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_AnotherOperationInProgress_IsRefusedAtOnceNamingIt(string action)
    {
        Script(action, Conflict());

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Run(action));

        Assert.Contains($"Cosmos DB account '{Account}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("conflicts with another operation in progress there (409 Conflict: There is already an operation in progress", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Wait until that operation has finished", failure.Message, StringComparison.Ordinal);
        Assert.Single(arm.Requests);
    }

    [Fact]
    public async Task ChangeFailoverPrioritiesAsync_OperationEndsFailed_ThrowsWithAzuresCodeAndMessage()
    {
        Script("failoverPriorityChange", Accepted(ActionPath("failoverPriorityChange"), "op"));
        arm.On("GET", OperationPath("op"), InProgress("op"), Failed("op", "BadRequest", "Failover priorities must include every region of the account."));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().ChangeFailoverPrioritiesAsync(NorthFirst, CancellationToken.None));

        Assert.Equal(
            $"Changing the failover priorities of Cosmos DB account '{Account}' to North Europe, West Europe failed in Azure " +
            "(BadRequest: Failover priorities must include every region of the account.).",
            failure.Message);
    }

    [Fact]
    public async Task TakeRegionOfflineAsync_OperationEndsFailed_ThrowsWithAzuresCodeAndMessage()
    {
        Script("offlineRegion", Accepted(ActionPath("offlineRegion"), "op"));
        arm.On("GET", OperationPath("op"), Failed("op", "OperationFailed", "Region West Europe is the only region of the account."));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().TakeRegionOfflineAsync("West Europe", CancellationToken.None));

        Assert.Equal(
            $"Taking region 'West Europe' of Cosmos DB account '{Account}' offline failed in Azure (OperationFailed: Region West Europe is the only region of the account.).",
            failure.Message);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_AppLacksTheRole_NamesTheRoleAndItsScope(string action)
    {
        Script(action, Forbidden($"Microsoft.DocumentDB/databaseAccounts/{action}/action", AccountPath));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Run(action));

        Assert.Contains("was refused by Resource Manager (403 AuthorizationFailed:", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"the role '{RecoveryArmRoles.Failover(Account)}' on the account", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeRegionOfflineAsync_PollsAskingForLongerThanTheInterval_WaitTheLongerOnTheClock()
    {
        Script("offlineRegion", Accepted(ActionPath("offlineRegion"), "op"));
        arm.On("GET", OperationPath("op"), InProgress("op", retryAfterSeconds: 30), InProgress("op"), Succeeded("op"));

        await Sut(pollInterval: TimeSpan.FromSeconds(10)).TakeRegionOfflineAsync("West Europe", CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)], time.Waits);
    }

    [Fact]
    public async Task TakeRegionOfflineAsync_AcceptedWithLocationOnly_PollsTheLocationUntilItAnswers200()
    {
        var location = $"{ActionPath("offlineRegion")}Results/op";
        arm.On("POST", ActionPath("offlineRegion"), new RecordedArm.Answer(202, "", ("Location", $"{RecordedArm.Host}{location}?api-version={CosmosArm.ApiVersion}")));
        arm.On("GET", location, new RecordedArm.Answer(202), new RecordedArm.Answer(202), new RecordedArm.Answer(200, "{}"));

        await Sut().TakeRegionOfflineAsync("West Europe", CancellationToken.None);

        Assert.Equal(3, arm.To("GET", location).Count);
    }

    [Fact]
    public async Task ChangeFailoverPrioritiesAsync_AnsweredAtOnce_DoesNotPoll()
    {
        arm.On("POST", ActionPath("failoverPriorityChange"), new RecordedArm.Answer(204));

        await Sut().ChangeFailoverPrioritiesAsync(NorthFirst, CancellationToken.None);

        Assert.Single(arm.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("West Europe|west europe")]
    [InlineData("West Europe| ")]
    public async Task ChangeFailoverPrioritiesAsync_RegionsNotEachNamedOnce_IsRefusedBeforeAnyRequest(string regions)
    {
        string[] list = regions.Length == 0 ? [] : regions.Split('|');

        await Assert.ThrowsAsync<ArgumentException>(() => Sut().ChangeFailoverPrioritiesAsync(list, CancellationToken.None));

        Assert.Empty(arm.Requests);
    }

    private static string ActionPath(string action) => $"{AccountPath}/{action}";

    private void Script(string action, params RecordedArm.Answer[] answers)
    {
        arm.On("POST", ActionPath(action), answers);
        arm.On("GET", OperationPath("op"), InProgress("op"), Succeeded("op"));
    }

    private Task Run(string action) => action == "offlineRegion"
        ? Sut().TakeRegionOfflineAsync("West Europe", CancellationToken.None)
        : Sut().ChangeFailoverPrioritiesAsync(NorthFirst, CancellationToken.None);

    private CosmosFailover Sut(TimeSpan? pollInterval = null) => new(arm.RestClient(time), Options(pollInterval), time);
}
