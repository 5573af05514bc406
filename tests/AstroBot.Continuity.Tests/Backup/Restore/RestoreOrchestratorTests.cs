using System.Collections.Concurrent;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Backup.Restore;

/// <summary>
/// The restore orchestration's own logic on the real in-process Durable Task engine, with scripted activities under
/// the product's activity names: the order and bounds of its steps, its retries, and how a failing step ends it.
/// (The activities themselves are tested against the emulators in <see cref="RestoreServiceTests"/>.)
/// </summary>
public sealed class RestoreOrchestratorTests
{
    private const string RestoreId = "restore-orchestrated";

    // A full backup of 6 chunks (any order, 2 at a time), then an incremental of 3 (in order).
    private static readonly RestoreStart Start = new(
        RestoreId, "target", ["full", "incr"], DateTimeOffset.UnixEpoch, [new("full", 0, 6, InOrder: false), new("incr", 6, 3, InOrder: true)],
        Parallelism: 2, FirstRetryInterval: TimeSpan.FromMilliseconds(10));

    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentDictionary<int, int> attempts = new();
    // Opens once as many writes run at once as the orchestration allows: the first ones wait here, so a bound that did
    // not hold would show as more of them running.
    private readonly TaskCompletionSource overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int running;
    private int mostRunning;

    [Fact]
    public async Task RunBodyAsync_FullThenIncremental_ChecksEveryChunkFirstThenWritesTheFullBoundedAndTheIncrementalInOrder()
    {
        var outcome = await RunAsync(failStep: _ => null);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        var log = calls.ToList();
        var checks = log.TakeWhile(call => call.StartsWith("check", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 9).Select(step => $"check {step}").Order(), checks.Order());
        Assert.Equal("begin", log[checks.Count]);
        var writes = log.Skip(checks.Count + 1).TakeWhile(call => call.StartsWith("write", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(step => $"write {step}").Order(), writes.Take(6).Order());
        Assert.Equal(["write 6", "write 7", "write 8"], writes.Skip(6));
        Assert.Equal("complete", log[^1]);
        Assert.InRange(mostRunning, 1, Start.Parallelism);
    }

    [Fact]
    public async Task RunBodyAsync_AStepFailsOnceWithATransientError_IsRetriedAndTheRestoreCompletes()
    {
        var outcome = await RunAsync(failStep: step => step == 4 && attempts.AddOrUpdate(step, 1, (_, n) => n + 1) == 1 ? new TimeoutException("throttled") : null);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Equal(2, attempts[4]);
    }

    [Fact]
    public async Task RunBodyAsync_AStepThatKeepsFailing_FailsTheRestoreNamingTheStepAndHowToResume()
    {
        var outcome = await RunAsync(failStep: step => step == 7 ? Count(step, new InvalidOperationException("Cosmos DB answered 503")) : null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(ActivityRetry.MaxAttempts, attempts[7]);
        var message = outcome.FailureDetails!.ErrorMessage;
        Assert.Contains($"Restore {RestoreId}: step 7 ({nameof(RestoreStepActivity)}) failed", message, StringComparison.Ordinal);
        Assert.Contains("Cosmos DB answered 503", message, StringComparison.Ordinal);
        Assert.Contains($"restore id {RestoreId}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("write 8", calls);
        Assert.DoesNotContain("complete", calls);
    }

    [Fact]
    public async Task RunBodyAsync_ARefusal_IsNotRetried()
    {
        var outcome = await RunAsync(failStep: step => step == 2 ? Count(step, new RestoreRefusedException("chunk chunks/readings/000002.chunk is missing")) : null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(1, attempts[2]);
        Assert.Contains("is missing", outcome.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private Exception Count(int step, Exception failure)
    {
        attempts.AddOrUpdate(step, 1, (_, n) => n + 1);
        return failure;
    }

    /// <param name="failStep">For a write step, the exception it throws this time, or null to succeed.</param>
    private async Task<OrchestrationMetadata> RunAsync(Func<int, Exception?> failStep)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddInMemoryDurableTask(
            tasks =>
            {
                tasks.AddOrchestrator<RestoreOrchestrator>();
                tasks.AddActivityFunc<RestoreRequest, RestoreStart>(nameof(PlanRestoreActivity), (_, _) => Start);
                tasks.AddActivityFunc<RestoreStepRef, RestoreStepCheck>(nameof(CheckRestoreStepActivity), (_, step) =>
                {
                    calls.Enqueue($"check {step.Step}");
                    return new RestoreStepCheck(0);
                });
                tasks.AddActivityFunc<string, bool>(nameof(BeginRestoreWritesActivity), (_, _) =>
                {
                    calls.Enqueue("begin");
                    return true;
                });
                tasks.AddActivityFunc<RestoreStepRef, RestoreStepResult>(nameof(RestoreStepActivity), async (_, step) =>
                {
                    Assert.Equal(RestoreId, step.RestoreId);
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref mostRunning, now);
                    if (now >= Start.Parallelism)
                    {
                        overlapped.TrySetResult();
                    }

                    try
                    {
                        await overlapped.Task.WaitAsync(TimeSpan.FromSeconds(30));
                        if (failStep(step.Step) is { } failure)
                        {
                            throw failure;
                        }

                        calls.Enqueue($"write {step.Step}");
                        return new RestoreStepResult("readings", 1, 0, 0, AlreadyDone: false);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref running);
                    }
                });
                tasks.AddActivityFunc<string, RestoreOutcome>(nameof(CompleteRestoreActivity), (_, restoreId) =>
                {
                    calls.Enqueue("complete");
                    return new RestoreOutcome(restoreId, "target", Start.BackupIds, Start.ConsistentAt, 9, 0, 0, new Dictionary<string, long>());
                });
            },
            new InMemoryDurableTaskOptions { Port = LoopbackPorts.Free() });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var instance = await client.ScheduleNewOrchestrationInstanceAsync(nameof(RestoreOrchestrator), new RestoreRequest());
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            return await client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, bound.Token);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

}
