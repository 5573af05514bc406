using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// The bounds of a backup run's steps, which are what keeps every activity inside a function's timeout (the whole run
/// through these steps: <see cref="BackupRunnerTests"/>, <see cref="BackupResumeTests"/>, <see cref="BackupOrchestratorTests"/>).
/// </summary>
public sealed class BackupRunStepsTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunSliceAsync_APageThatNeverComes_IsCancelledAtTheSliceDeadlineAndCanBeTriedAgain()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var hanging = new HangingFeedHandler();
        var steps = harness.Services(
            new Dictionary<string, string?> { ["Backup:SliceDuration"] = "00:00:01", ["Backup:FallbackRequestUnitsPerSecond"] = "1000000" },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new BackupCosmosClient(new CosmosClientFactory(harness.Database.Options), hanging));
            }).GetRequiredService<BackupRunSteps>();
        var leaseId = Guid.NewGuid().ToString();
        var plan = await steps.PlanAsync(new BackupRunRequest(BackupKind.Full, leaseId), waitForLease: null, CancellationToken.None);
        hanging.Arm();

        var slice = steps.RunSliceAsync(new BackupSliceRef(plan.BackupId!, plan.Containers[0].Name, 0, leaseId), progress: null, CancellationToken.None);
        await hanging.Hanging.WaitAsync(Bound);
        // Five seconds at a time, each renewal of the lease (every 20 s) let through before the next step, up to the deadline.
        var deadline = TimeSpan.FromSeconds(1) + BackupRunSteps.SliceGrace;
        for (var elapsed = TimeSpan.Zero; elapsed < deadline; elapsed += TimeSpan.FromSeconds(5))
        {
            Assert.False(slice.IsCompleted, "the slice ended before its deadline");
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(slice, clock.WhenAsync(watched => watched.WaitingTimers >= 3, Bound)); // renewal, lapse deadline, slice deadline
        }

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => slice.WaitAsync(Bound));
        Assert.Contains($"a slice of part 0 of container {plan.Containers[0].Name} reached no page boundary within 121 s", exception.Message, StringComparison.Ordinal);

        // Tried again (the orchestration's retry), it goes on from its checkpoint under the same lease.
        var again = await harness.Services().GetRequiredService<BackupRunSteps>()
            .RunSliceAsync(new BackupSliceRef(plan.BackupId!, plan.Containers[0].Name, 0, leaseId), progress: null, CancellationToken.None);
        Assert.True(again.Done);
    }
}
