using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// The backup orchestration on the real in-process Durable Task engine with the real steps against the emulators,
/// in slices of one page: the run is many short activities, survives its host dying between two of them, stops when
/// its lease is taken, retries a transient failure, and runs once per database however often it is started.
/// </summary>
public sealed class BackupOrchestratorTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = DurableBackupHost.Bound;

    private readonly BackupHarness harness = new();
    private readonly CancellationTokenSource testEnd = new();
    private int slices;

    public Task InitializeAsync() => harness.InitializeAsync();

    public async Task DisposeAsync()
    {
        await testEnd.CancelAsync();
        testEnd.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Orchestration_InSlicesOfOnePage_CommitsTheSameContentAsAnUninterruptedRun()
    {
        using var host = await StartHostAsync((steps, slice) =>
        {
            Interlocked.Increment(ref slices);
            return steps.RunSliceAsync(slice, null, CancellationToken.None);
        });

        var result = await RunToCompletionAsync(host, BackupKind.Full);

        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        Assert.True(slices > 2 * BackupHarness.Seed.Users, $"{slices} slices: the run was not cut into page-sized slices");
        await AssertSameContentAsAnUninterruptedRunAsync(result.Entry!.BackupId);
    }

    [Fact]
    public async Task Orchestration_HostDiesBetweenTwoSlices_TheNextStartResumesTheRunWithTheSameContent()
    {
        var died = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = await StartHostAsync(async (steps, slice) =>
        {
            var result = await steps.RunSliceAsync(slice, null, CancellationToken.None);
            if (Interlocked.Increment(ref slices) == 4)
            {
                // Checkpointed, and the host dies before the orchestration hears of it.
                died.TrySetResult(slice.BackupId);
                await Task.Delay(Timeout.Infinite, testEnd.Token);
            }

            return result;
        });
        await StartAsync(dying, BackupKind.Full);
        var backupId = await died.Task.WaitAsync(Bound);
        await dying.StopAsync(TimeSpan.FromSeconds(1));
        dying.Dispose();
        // A dead run's lease lapses within the lease duration; broken here instead of waiting that out.
        await LockLease().BreakAsync(TimeSpan.Zero);

        using var next = await StartHostAsync((steps, slice) => steps.RunSliceAsync(slice, null, CancellationToken.None));
        var result = await RunToCompletionAsync(next, BackupKind.Full);

        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        Assert.Equal(backupId, result.Entry!.BackupId);
        Assert.Single(await harness.CatalogAsync());
        await AssertSameContentAsAnUninterruptedRunAsync(backupId);
    }

    [Fact]
    public async Task Orchestration_LeaseTakenBetweenTwoSlices_FailsWithoutAManifestAndLeavesTheRunToTheHolder()
    {
        await using var holder = new AsyncHolder();
        using var host = await StartHostAsync(async (steps, slice) =>
        {
            if (Interlocked.Increment(ref slices) == 3)
            {
                // Another client breaks the lease and takes it, as a run would after it lapsed.
                await LockLease().BreakAsync(TimeSpan.Zero);
                holder.Lease = await BackupLease.TryAcquireAsync(harness.Archives, harness.DatabaseName, TimeSpan.FromSeconds(15), TimeProvider.System, CancellationToken.None);
            }

            return await steps.RunSliceAsync(slice, null, CancellationToken.None);
        });

        var result = await RunToCompletionAsync(host, BackupKind.Full);

        Assert.Equal(BackupRunOutcome.Failed, result.Outcome);
        Assert.Contains("was lost (another run took it", result.Message, StringComparison.Ordinal);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Running, entry.State); // the holder's to resume or tidy up
        Assert.False(await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.DatabaseName, entry.BackupId)).ExistsAsync());

        // The holder lets go; the next run resumes what the stopped one checkpointed.
        await holder.DisposeAsync();
        var resumed = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.Equal((BackupRunOutcome.Committed, entry.BackupId), (resumed.Outcome, resumed.Entry!.BackupId));
    }

    [Fact]
    public async Task Orchestration_ASliceFailsOnce_IsRetriedAndTheRunCommits()
    {
        using var host = await StartHostAsync((steps, slice) => Interlocked.Increment(ref slices) == 2
            ? throw new InvalidOperationException("the storage account answered 503 (injected)")
            : steps.RunSliceAsync(slice, null, CancellationToken.None));

        var result = await RunToCompletionAsync(host, BackupKind.Full);

        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        Assert.Equal(harness.TotalItems, result.Entry!.ItemCount);
    }

    [Fact]
    public async Task StartAsync_TwiceWhileARunIsUnderWay_StartsOneRun()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = await StartHostAsync(async (steps, slice) =>
        {
            await gate.Task.WaitAsync(Bound);
            return await steps.RunSliceAsync(slice, null, CancellationToken.None);
        });
        var orchestrations = host.Services.GetRequiredService<BackupOrchestrations>();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var first = await orchestrations.StartBackupAsync(BackupKind.Full, client, CancellationToken.None);
        var second = await orchestrations.StartBackupAsync(BackupKind.Incremental, client, CancellationToken.None);
        gate.SetResult();

        Assert.NotNull(first);
        Assert.Null(second);
        using var bound = new CancellationTokenSource(Bound);
        var instance = await client.WaitForInstanceCompletionAsync(first, getInputsAndOutputs: true, bound.Token);
        Assert.Equal(BackupRunOutcome.Committed, instance.ReadOutputAs<BackupRunResult>()!.Outcome);
        Assert.Single(await harness.CatalogAsync());
    }

    /// <summary>A host with the product's backup orchestration and plan, commit and fail activities, and this slice activity.</summary>
    private Task<IHost> StartHostAsync(Func<BackupRunSteps, BackupSliceRef, Task<BackupSliceResult>> slice) =>
        DurableBackupHost.StartAsync(harness, (tasks, services) =>
        {
            tasks.AddOrchestrator<BackupOrchestrator>();
            tasks.AddActivity<PlanBackupActivity>();
            tasks.AddActivity<CommitBackupActivity>();
            tasks.AddActivity<FailBackupActivity>();
            tasks.AddActivityFunc<BackupSliceRef, BackupSliceResult>(
                nameof(BackupSliceActivity), (_, input) => slice(services().GetRequiredService<BackupRunSteps>(), input));
        });

    private static Task<string?> StartAsync(IHost host, BackupKind kind) =>
        host.Services.GetRequiredService<BackupOrchestrations>().StartBackupAsync(kind, host.Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);

    private static async Task<BackupRunResult> RunToCompletionAsync(IHost host, BackupKind kind)
    {
        var instance = await DurableBackupHost.CompletionAsync(host, _ => StartAsync(host, kind));
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
        return instance.ReadOutputAs<BackupRunResult>()!;
    }

    private BlobLeaseClient LockLease() => harness.Archives.GetBlobClient(BackupLayout.Lock(harness.DatabaseName)).GetBlobLeaseClient();

    /// <summary>Every container's items and content checksum equal an uninterrupted in-process run's, and the backup verifies deep.</summary>
    private async Task AssertSameContentAsAnUninterruptedRunAsync(string backupId)
    {
        var uninterrupted = await harness.RunFullAsync();
        var reader = await harness.Services().GetRequiredService<BackupArchives>().OpenAsync(fromSecondary: false, CancellationToken.None);
        var sliced = await reader.ReadManifestAsync(backupId, CancellationToken.None);
        var whole = await reader.ReadManifestAsync(uninterrupted.BackupId, CancellationToken.None);
        Assert.Equal(
            whole.Containers.Select(part => (part.Name, part.ItemCount, part.ContentChecksum)),
            sliced.Containers.Select(part => (part.Name, part.ItemCount, part.ContentChecksum)));
        var verify = await harness.Services().GetRequiredService<BackupVerification>().VerifyAsync(backupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        Assert.True(verify.IsValid, verify.Summary);
    }

    /// <summary>Another client's lease, let go at the end of the test if not before.</summary>
    private sealed class AsyncHolder : IAsyncDisposable
    {
        public BackupLease? Lease { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Lease is { } lease)
            {
                Lease = null;
                await lease.DisposeAsync();
            }
        }
    }
}
