using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.Logging.Abstractions;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>
/// How long the restore targets wait between two polls of an operation: the longer of the configured interval and
/// Azure's <c>Retry-After</c>, on the injected clock (here one that records each wait and lets it pass at once).
/// </summary>
public sealed class ArmOperationPollingTests
{
    private const string Target = "restore-test-20261129050000-0a1b2c3d";

    private readonly RecordedArm arm = new();
    private readonly WaitRecorder time = new();

    [Fact]
    public async Task CompleteAsync_RetryAfterLongerThanTheInterval_WaitsWhatAzureAsks()
    {
        arm.On("DELETE", DatabasePath(Target), Accepted(DatabasePath(Target), "op"));
        arm.On("GET", OperationPath("op"), InProgress("op", retryAfterSeconds: 5), InProgress("op", retryAfterSeconds: 0), Succeeded("op"));

        await Sut(TimeSpan.FromSeconds(2)).DeleteAsync(Target, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)], time.Waits);
        Assert.Equal(3, arm.To("GET", OperationPath("op")).Count);
    }

    [Fact]
    public async Task CompleteAsync_ZeroIntervalAndNoWaitAsked_PollsWithoutWaiting()
    {
        arm.On("DELETE", DatabasePath(Target), Accepted(DatabasePath(Target), "op"));
        arm.On("GET", OperationPath("op"), InProgress("op"), InProgress("op"), Succeeded("op"));

        await Sut(TimeSpan.Zero).DeleteAsync(Target, CancellationToken.None);

        Assert.Empty(time.Waits);
        Assert.Equal(3, arm.To("GET", OperationPath("op")).Count);
    }

    [Fact]
    public async Task CompleteAsync_Cancelled_StopsPolling()
    {
        arm.On("DELETE", DatabasePath(Target), Accepted(DatabasePath(Target), "op"));
        arm.On("GET", OperationPath("op"), InProgress("op"));
        using var cancellation = new CancellationTokenSource();
        time.OnWait = cancellation.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sut(TimeSpan.FromSeconds(2)).DeleteAsync(Target, cancellation.Token));

        Assert.Single(arm.To("GET", OperationPath("op")));
    }

    private ResourceManagerRestoreTargets Sut(TimeSpan interval)
    {
        var options = TargetOptions;
        options.PollingInterval = interval;
        return new(
            arm.Client(), Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Options.Options.Create(new CosmosOptions { DatabaseName = SourceDatabase }),
            time, NullLogger<ResourceManagerRestoreTargets>.Instance);
    }
}
