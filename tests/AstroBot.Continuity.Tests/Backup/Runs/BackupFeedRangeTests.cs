using System.Text;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// A full backup of containers of three feed ranges (the emulator's <c>ranges3-</c> databases): each range read on
/// its own, side by side, in the in-process runner and in the Durable orchestration, holds every item once; a run
/// killed inside a range resumes with the same content.
/// </summary>
public sealed class BackupFeedRangeTests : IAsyncLifetime
{
    private const int FeedRanges = 3;

    private readonly BackupHarness harness = BackupHarness.WithFeedRanges(FeedRanges);

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_ContainersOfThreeFeedRanges_EveryItemOnceRestorable()
    {
        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        var manifest = await ManifestAsync(result.Entry!.BackupId);
        await AssertHoldsTheLiveItemsAsync(manifest);
        // Each range has chunks of its own: the messages of six users fall in more than one range.
        var messages = manifest.Containers.Single(part => part.Name == BotDataModel.Messages.Name);
        Assert.Contains(messages.Chunks, chunk => chunk.Name.StartsWith("chunks/messages/001-", StringComparison.Ordinal) || chunk.Name.StartsWith("chunks/messages/002-", StringComparison.Ordinal));

        var target = harness.NewDatabaseName();
        var restored = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None);
        Assert.Equal(harness.TotalItems, restored.ItemsWritten);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(
                (await harness.ItemsAsync(harness.DatabaseName, container.Name)).Order(StringComparer.Ordinal),
                (await harness.ItemsAsync(target, container.Name)).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task RunAsync_KilledInsideAFeedRangeThenStartedAgain_ResumesWithTheSameContent()
    {
        using var stop = new CancellationTokenSource();
        var stopping = new StoppingUpload(stop, stopAtChunk: "messages/001-000000");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Runner(WithUploads(stopping)).RunAsync(BackupKind.Full, null, stop.Token));
        var stopped = Assert.Single(await harness.CatalogAsync());

        var resumed = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.True(resumed.Outcome == BackupRunOutcome.Committed, resumed.Message);
        Assert.Equal(stopped.BackupId, resumed.Entry!.BackupId);
        await AssertHoldsTheLiveItemsAsync(await ManifestAsync(resumed.Entry.BackupId));
    }

    [Fact]
    public async Task Orchestration_TwoRangesAtOnce_CommitsEveryItemOnce()
    {
        var slices = new List<BackupSliceRef>();
        using var host = await DurableBackupHost.StartAsync(harness, (tasks, services) =>
        {
            tasks.AddOrchestrator<BackupOrchestrator>();
            tasks.AddActivity<PlanBackupActivity>();
            tasks.AddActivity<CommitBackupActivity>();
            tasks.AddActivity<FailBackupActivity>();
            tasks.AddActivityFunc<BackupSliceRef, BackupSliceResult>(nameof(BackupSliceActivity), (_, slice) =>
            {
                lock (slices)
                {
                    slices.Add(slice);
                }

                return services().GetRequiredService<BackupRunSteps>().RunSliceAsync(slice, null, CancellationToken.None);
            });
        }, new Dictionary<string, string?> { ["Backup:ParallelRanges"] = "2" });

        var instance = await DurableBackupHost.CompletionAsync(
            host, client => host.Services.GetRequiredService<BackupOrchestrations>().StartBackupAsync(BackupKind.Full, client, CancellationToken.None));

        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
        var result = instance.ReadOutputAs<BackupRunResult>()!;
        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        Assert.Equal(
            BotDataModel.Containers.SelectMany(container => Enumerable.Range(0, FeedRanges).Select(range => (container.Name, range))).Order(),
            slices.Select(slice => (slice.Container, slice.Range)).Distinct().Order());
        await AssertHoldsTheLiveItemsAsync(await ManifestAsync(result.Entry!.BackupId));
    }

    private async Task<BackupManifest> ManifestAsync(string backupId)
    {
        var reader = await harness.Services().GetRequiredService<BackupArchives>().OpenAsync(fromSecondary: false, CancellationToken.None);
        return await reader.ReadManifestAsync(backupId, CancellationToken.None);
    }

    /// <summary>Each container's count and content checksum are those of its live items (so each item is in it once), and the backup verifies deep.</summary>
    private async Task AssertHoldsTheLiveItemsAsync(BackupManifest manifest)
    {
        foreach (var container in BotDataModel.Containers)
        {
            var live = new ContentChecksum();
            foreach (var item in await harness.ItemsAsync(harness.DatabaseName, container.Name))
            {
                live.Add(Encoding.UTF8.GetBytes(item));
            }

            var part = manifest.Containers.Single(candidate => candidate.Name == container.Name);
            Assert.Equal((container.Name, live.Count, live.ToString()), (part.Name, part.ItemCount, part.ContentChecksum));
        }

        var verify = await harness.Services().GetRequiredService<BackupVerification>()
            .VerifyAsync(manifest.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        Assert.True(verify.IsValid, verify.Summary);
    }

    private IServiceProvider WithUploads(StoppingUpload uploads) =>
        harness.Services(configure: services =>
            services.AddSingleton(provider => new BackupStorage(provider.GetRequiredService<IOptions<BackupOptions>>(), TimeProvider.System, uploads.ClientOptions())));
}
