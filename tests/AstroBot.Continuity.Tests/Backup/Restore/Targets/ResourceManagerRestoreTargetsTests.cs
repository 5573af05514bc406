using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Arm;
using System.Diagnostics;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Data;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>
/// The Resource Manager path against recorded answers (<see cref="RecordedArm"/>, <see cref="CosmosArmAnswers"/>): what is
/// sent (paths, api-version, bodies), how operations are followed, and what each refusal becomes. Never against Azure.
/// </summary>
public sealed class ResourceManagerRestoreTargetsTests
{
    private const string Target = "astrobot-restore-20261127T080000Z";
    private static readonly string[] Two = ["accounts", "messages"];

    private readonly RecordedArm arm = new();

    [Fact]
    public async Task EnsureCreatedAsync_NewTarget_CreatesTheDatabaseThenEachContainerAndFollowsEveryOperation()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        Assert.Empty(arm.Unscripted);
        Assert.Equal(
            [
                $"GET {AccountPath}", $"GET {DatabasePath(Target)}", $"GET {ThroughputPath(SourceDatabase)}",
                $"PUT {DatabasePath(Target)}", $"GET {OperationPath("op-db")}", $"GET {OperationPath("op-db")}", $"GET {DatabasePath(Target)}",
                $"GET {ContainerPath(Target, "accounts")}", $"PUT {ContainerPath(Target, "accounts")}", $"GET {OperationPath("op-accounts")}", $"GET {OperationPath("op-accounts")}", $"GET {ContainerPath(Target, "accounts")}",
                $"GET {ContainerPath(Target, "messages")}", $"PUT {ContainerPath(Target, "messages")}", $"GET {OperationPath("op-messages")}", $"GET {OperationPath("op-messages")}", $"GET {ContainerPath(Target, "messages")}",
            ],
            arm.Requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.All(arm.Requests, request =>
        {
            Assert.Equal(CosmosArm.ApiVersion, request.ApiVersion);
            Assert.Equal($"Bearer {RecordedArm.Token}", request.Authorization);
        });
    }

    [Fact]
    public async Task EnsureCreatedAsync_NewTarget_SendsTheDatabaseWithTheSourcesAutoscaleMaximum()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        var body = Assert.Single(arm.To("PUT", DatabasePath(Target))).Json;
        Assert.Equal("westeurope", (string?)body["location"]);
        Assert.Equal(Target, (string?)body["properties"]!["resource"]!["id"]);
        Assert.Equal(4000, (int?)body["properties"]!["options"]!["autoscaleSettings"]!["maxThroughput"]);
        Assert.Null(body["properties"]!["options"]!["throughput"]);
    }

    [Fact]
    public async Task EnsureCreatedAsync_NewTarget_SendsEachContainerPartitionedByWaIdHashVersion2WithTheDefaultIndexing()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        foreach (var container in Two)
        {
            var body = Assert.Single(arm.To("PUT", ContainerPath(Target, container))).Json;
            var resource = body["properties"]!["resource"]!;
            Assert.Equal(container, (string?)resource["id"]);
            Assert.Equal([BotDataModel.PartitionKeyPath], resource["partitionKey"]!["paths"]!.AsArray().Select(path => (string?)path));
            Assert.Equal("Hash", (string?)resource["partitionKey"]!["kind"]);
            Assert.Equal(2, (int?)resource["partitionKey"]!["version"]);
            Assert.Null(resource["indexingPolicy"]);
            Assert.Null(body["properties"]!["options"]);
            Assert.Equal("westeurope", (string?)body["location"]);
        }
    }

    [Fact]
    public async Task EnsureCreatedAsync_SourceWithManualThroughput_GivesTheTargetTheSameRequestUnits()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(800, autoscaleMax: null));
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        var options = Assert.Single(arm.To("PUT", DatabasePath(Target))).Json["properties"]!["options"]!;
        Assert.Equal(800, (int?)options["throughput"]);
        Assert.Null(options["autoscaleSettings"]);
    }

    [Fact]
    public async Task EnsureCreatedAsync_SourceWithoutSharedThroughput_FallsBackToTheAutoscaleMinimum()
    {
        ScriptAccount();
        ScriptNewDatabase(NotFound());
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        var options = Assert.Single(arm.To("PUT", DatabasePath(Target))).Json["properties"]!["options"]!;
        Assert.Equal(TargetThroughput.MinimumAutoscaleMaxThroughput, (int?)options["autoscaleSettings"]!["maxThroughput"]);
    }

    [Fact]
    public async Task EnsureCreatedAsync_ServerlessAccount_SendsNoThroughputAndDoesNotReadTheSources()
    {
        arm.On("GET", AccountPath, AccountFound(serverless: true));
        ScriptNewDatabase(throughput: null);
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        Assert.Null(Assert.Single(arm.To("PUT", DatabasePath(Target))).Json["properties"]!["options"]);
        Assert.Empty(arm.To("GET", ThroughputPath(SourceDatabase)));
        Assert.Empty(arm.Unscripted);
    }

    [Fact]
    public async Task EnsureCreatedAsync_TargetAndContainersExist_WritesNothing()
    {
        ScriptAccount();
        arm.On("GET", DatabasePath(Target), Database(Target));
        foreach (var container in Two)
        {
            arm.On("GET", ContainerPath(Target, container), Container(Target, container));
        }

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        Assert.All(arm.Requests, request => Assert.Equal("GET", request.Method));
        Assert.Empty(arm.Unscripted);
    }

    [Fact]
    public async Task EnsureCreatedAsync_ExistingContainerWithAnotherPartitionKey_IsRefusedNamingIt()
    {
        ScriptAccount();
        arm.On("GET", DatabasePath(Target), Database(Target));
        arm.On("GET", ContainerPath(Target, "accounts"), Container(Target, "accounts", "/id"));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Contains($"Container 'accounts' of database '{Target}' exists partitioned by /id, not /wa_id", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(arm.Requests, request => request.Method == "PUT");
    }

    [Fact]
    public async Task EnsureCreatedAsync_ThrottledWithRetryAfterZero_RetriesAndCreates()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("PUT", DatabasePath(Target), Throttled(0), Throttled(0), Accepted(DatabasePath(Target), "op-db"));
        ScriptNewContainers(Two);

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        Assert.Equal(3, arm.To("PUT", DatabasePath(Target)).Count);
        Assert.Single(arm.To("PUT", ContainerPath(Target, "messages")));
    }

    [Fact]
    [Trait("Category", "RealClock")]
    public async Task EnsureCreatedAsync_ThrottledWithRetryAfterOneSecond_WaitsThatSecondBeforeTheRetry()
    {
        // The real clock is the point: Azure.Core's retry policy waits on it, honouring Retry-After. The pipeline's own
        // backoff is 1 ms here, so only Azure's Retry-After can make the retry wait.
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("PUT", DatabasePath(Target), Throttled(1), Accepted(DatabasePath(Target), "op-db"));
        ScriptNewContainers(Two);
        var clock = Stopwatch.StartNew();

        await Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None);

        Assert.Equal(2, arm.To("PUT", DatabasePath(Target)).Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task EnsureCreatedAsync_ThrottledBeyondTheRetries_LeavesAzuresErrorForARerun()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("PUT", DatabasePath(Target), Throttled(0));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Equal(429, failure.Status);
        Assert.Equal(4, arm.To("PUT", DatabasePath(Target)).Count); // the first attempt and 3 retries
    }

    [Fact]
    public async Task EnsureCreatedAsync_ConflictingOperation_IsRefusedAtOnceSayingToRunAgainLater()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("PUT", DatabasePath(Target), Conflict());

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Single(arm.To("PUT", DatabasePath(Target)));
        Assert.Contains($"Creating database '{Target}' in Cosmos DB account '{Account}' conflicts with another operation in progress there (409 Conflict: There is already an operation in progress", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Run the restore again once that operation has finished", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_OperationEndsFailed_ThrowsNamingTheDatabaseAndAzuresError()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("GET", OperationPath("op-db"), InProgress("op-db"), Failed("op-db", "BadRequest", "Database throughput is above the account limit."));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Equal(
            $"Creating database '{Target}' in Cosmos DB account '{Account}' failed in Azure (BadRequest: Database throughput is above the account limit.).",
            failure.Message);
        Assert.Empty(arm.To("PUT", ContainerPath(Target, "accounts")));
    }

    [Fact]
    public async Task EnsureCreatedAsync_ContainerOperationEndsFailed_ThrowsNamingTheContainer()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        ScriptNewContainers(Two);
        arm.On("GET", OperationPath("op-messages"), Failed("op-messages", "InternalServerError", "Container creation did not complete."));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Contains($"Creating container 'messages' of database '{Target}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(InternalServerError: Container creation did not complete.)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_AppLacksTheRole_NamesTheRoleToGrant()
    {
        ScriptAccount();
        ScriptNewDatabase(SharedThroughput(400, autoscaleMax: 4000));
        arm.On("PUT", DatabasePath(Target), Forbidden("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write", DatabasePath(Target)));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Single(arm.To("PUT", DatabasePath(Target)));
        Assert.Contains($"Creating database '{Target}' in Cosmos DB account '{Account}' was refused by Resource Manager (403 AuthorizationFailed:", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"Grant the app's identity the role '{ArmFailures.RoleName(Account)}' on the account", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_AppCannotReadTheAccount_NamesTheRoleAndTheSettings()
    {
        arm.On("GET", AccountPath, Forbidden("Microsoft.DocumentDB/databaseAccounts/read", AccountPath));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Contains(ArmFailures.RoleName(Account), failure.Message, StringComparison.Ordinal);
        Assert.Contains("Backup:RestoreTarget:SubscriptionId, ResourceGroup and AccountName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_AccountNotFound_NamesTheSettingsToCheck()
    {
        arm.On("GET", AccountPath, new RecordedArm.Answer(404, $$$"""{"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.DocumentDB/databaseAccounts/{{{Account}}}' under resource group '{{{ResourceGroup}}}' was not found."}}"""));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(Target, Two, CancellationToken.None));

        Assert.Equal(
            $"Cosmos DB account '{Account}' was not found in resource group '{ResourceGroup}' of subscription '{Subscription}'; check Backup:RestoreTarget:SubscriptionId, ResourceGroup and AccountName.",
            failure.Message);
    }

    [Theory]
    [InlineData("astrobot restored")]
    [InlineData("-astrobot")]
    [InlineData("astro/bot")]
    [InlineData("astrobot?x=1")]
    public async Task EnsureCreatedAsync_NameResourceManagerCannotTake_IsRefusedBeforeAnyRequest(string database)
    {
        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().EnsureCreatedAsync(database, Two, CancellationToken.None));

        Assert.Contains($"Database name '{database}' cannot be created through Resource Manager", failure.Message, StringComparison.Ordinal);
        Assert.Empty(arm.Requests);
    }

    [Fact]
    public async Task DeleteAsync_Accepted_FollowsTheOperationToTheEnd()
    {
        arm.On("DELETE", DatabasePath(Target), Accepted(DatabasePath(Target), "op-delete"));
        arm.On("GET", OperationPath("op-delete"), InProgress("op-delete"), InProgress("op-delete"), Succeeded("op-delete"));

        await Sut().DeleteAsync(Target, CancellationToken.None);

        Assert.Equal(
            [$"DELETE {DatabasePath(Target)}", $"GET {OperationPath("op-delete")}", $"GET {OperationPath("op-delete")}", $"GET {OperationPath("op-delete")}"],
            arm.Requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.All(arm.Requests, request => Assert.Equal(CosmosArm.ApiVersion, request.ApiVersion));
    }

    [Fact]
    public async Task DeleteAsync_DatabaseNotFound_IsNotAnError()
    {
        arm.On("DELETE", DatabasePath(Target), NotFound());

        await Sut().DeleteAsync(Target, CancellationToken.None);

        Assert.Single(arm.Requests);
    }

    [Fact]
    public async Task DeleteAsync_AppLacksTheRole_NamesTheRoleToGrant()
    {
        arm.On("DELETE", DatabasePath(Target), Forbidden("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/delete", DatabasePath(Target)));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().DeleteAsync(Target, CancellationToken.None));

        Assert.Contains($"Deleting database '{Target}' in Cosmos DB account '{Account}' was refused by Resource Manager (403 AuthorizationFailed:", failure.Message, StringComparison.Ordinal);
        Assert.Contains(ArmFailures.RoleName(Account), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_OperationEndsFailed_ThrowsNamingTheDatabaseAndAzuresError()
    {
        arm.On("DELETE", DatabasePath(Target), Accepted(DatabasePath(Target), "op-delete"));
        arm.On("GET", OperationPath("op-delete"), Failed("op-delete", "Conflict", "The database is being restored."));

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().DeleteAsync(Target, CancellationToken.None));

        Assert.Equal($"Deleting database '{Target}' in Cosmos DB account '{Account}' failed in Azure (Conflict: The database is being restored.).", failure.Message);
    }

    [Fact]
    public async Task DeleteAsync_ConflictingOperation_IsRefusedSayingToRunAgainLater()
    {
        arm.On("DELETE", DatabasePath(Target), Conflict());

        var failure = await Assert.ThrowsAsync<RestoreTargetException>(() => Sut().DeleteAsync(Target, CancellationToken.None));

        Assert.Contains("(409 Conflict:", failure.Message, StringComparison.Ordinal);
        Assert.Single(arm.Requests);
    }

    private ResourceManagerRestoreTargets Sut() => new(
        arm.Client(), Microsoft.Extensions.Options.Options.Create(TargetOptions), Microsoft.Extensions.Options.Options.Create(new CosmosOptions { DatabaseName = SourceDatabase }),
        TimeProvider.System, NullLogger<ResourceManagerRestoreTargets>.Instance);

    private void ScriptAccount() => arm.On("GET", AccountPath, AccountFound());

    /// <summary>The target is missing, the source's throughput answers so (none: not asked), the PUT is accepted, polled twice.</summary>
    private void ScriptNewDatabase(RecordedArm.Answer? throughput)
    {
        arm.On("GET", DatabasePath(Target), NotFound(), Database(Target));
        if (throughput is not null)
        {
            arm.On("GET", ThroughputPath(SourceDatabase), throughput);
        }

        arm.On("PUT", DatabasePath(Target), Accepted(DatabasePath(Target), "op-db"));
        arm.On("GET", OperationPath("op-db"), InProgress("op-db"), Succeeded("op-db"));
    }

    private void ScriptNewContainers(IEnumerable<string> containers)
    {
        foreach (var container in containers)
        {
            var path = ContainerPath(Target, container);
            arm.On("GET", path, NotFound(), Container(Target, container));
            arm.On("PUT", path, Accepted(path, "op-" + container, status: 201));
            arm.On("GET", OperationPath("op-" + container), InProgress("op-" + container), Succeeded("op-" + container));
        }
    }
}
