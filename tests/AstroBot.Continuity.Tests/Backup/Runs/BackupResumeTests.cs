using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Hosting;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// Issue 11, item 1 (the in-process part): a backup run stopped part-way (killed) is resumed by the next start from
/// its last checkpoint, and produces the same content as a run never stopped.
/// </summary>
public sealed class BackupResumeTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        // Enough messages for that container to take several chunks (at least 64 KiB each), so a run can be killed inside it.
        var messages = harness.Container(harness.DatabaseName, BotDataModel.Messages.Name);
        var waId = harness.Users[0].WaId;
        for (var message = 0; message < 200; message++)
        {
            var json = $$"""{"id":"resume-{{message}}","wa_id":"{{waId}}","type":"message","text":"{{new string('x', 1000)}}"}""";
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            using var response = await messages.UpsertItemStreamAsync(body, new PartitionKey(waId));
            response.EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Theory]
    [InlineData(BackupKind.Full)]
    [InlineData(BackupKind.Incremental)]
    public async Task RunAsync_StoppedPartWayThenStartedAgain_ResumesFromItsLastChunkWithTheSameContent(BackupKind kind)
    {
        if (kind == BackupKind.Incremental)
        {
            await harness.RunFullAsync();
            await TouchEveryItemAsync(); // so the incremental holds every item, as many chunks as a full

        }

        // Killed as the second chunk of the last container goes up: every other container is done and that one has a
        // chunk written and checkpointed, so the resumed run takes on a finished container, a half-done one and its feed.
        using var stop = new CancellationTokenSource();
        var stopping = new StoppingUpload(stop, stopAtChunk: "messages/000001");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Runner(WithUploads(stopping)).RunAsync(kind, null, stop.Token));
        var stopped = (await harness.CatalogAsync()).Single(entry => entry.State == BackupState.Running);
        Assert.Equal(BotDataModel.Containers.Count, stopping.Uploaded); // one chunk each of five, the first of messages

        var log = new RecordingLogger<BackupRunSteps>();
        var counting = new StoppingUpload(new CancellationTokenSource(), stopAtChunk: null);
        var resumed = await harness.Runner(WithUploads(counting, log)).RunAsync(kind, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, resumed.Outcome);
        Assert.Equal(stopped.BackupId, resumed.Entry!.BackupId);
        Assert.Equal(stopped.StartedAt, resumed.Entry.StartedAt);
        Assert.True(log.Logged(nameof(LogMessages.BackupResuming)));
        // The chunks written before the kill are not written again.
        Assert.Equal(resumed.Entry.ChunkCount - stopping.Uploaded, counting.Uploaded);

        // A full backup now holds every item in its latest version, as the resumed run must.
        var uninterrupted = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);
        var reader = await harness.Services().GetRequiredService<BackupArchives>().OpenAsync(fromSecondary: false, CancellationToken.None);
        var resumedManifest = await reader.ReadManifestAsync(resumed.Entry.BackupId, CancellationToken.None);
        var uninterruptedManifest = await reader.ReadManifestAsync(uninterrupted.Entry!.BackupId, CancellationToken.None);
        Assert.Equal(Content(uninterruptedManifest), Content(resumedManifest));
        var verify = await harness.Services().GetRequiredService<BackupVerification>()
            .VerifyAsync(resumed.Entry.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        Assert.True(verify.IsValid, verify.Summary);
    }

    [Fact]
    public async Task RunAsync_StoppedFullThenAnIncremental_TheFullIsTidiedUpNotResumed()
    {
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Runner(WithUploads(new StoppingUpload(stop, stopAtChunk: "profiles/000000"))).RunAsync(BackupKind.Full, null, stop.Token));
        var stopped = Assert.Single(await harness.CatalogAsync());

        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        // Only a run of the same kind is resumed: the incremental tidies the full away and has no full to build on.
        Assert.Equal(BackupRunOutcome.Skipped, result.Outcome);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal((stopped.BackupId, BackupState.Failed), (entry.BackupId, entry.State));
        Assert.Null(await new BackupRunProgress(harness.Services().GetRequiredService<BackupStorage>().Runs).FindAsync(stopped.BackupId, CancellationToken.None));
    }

    private async Task TouchEveryItemAsync()
    {
        foreach (var definition in BotDataModel.Containers)
        {
            var container = harness.Container(harness.DatabaseName, definition.Name);
            foreach (var json in await harness.ItemsAsync(harness.DatabaseName, definition.Name))
            {
                using var document = JsonDocument.Parse(json);
                using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
                using var response = await container.UpsertItemStreamAsync(body, new PartitionKey(document.RootElement.GetProperty("wa_id").GetString()));
                response.EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>Each container's items, count and content checksum: what "the same content" means across two runs.</summary>
    private static List<(string Name, long Items, string Checksum)> Content(BackupManifest manifest) =>
        [.. manifest.Containers.Select(part => (part.Name, part.ItemCount, part.ContentChecksum))];

    private IServiceProvider WithUploads(StoppingUpload uploads, RecordingLogger<BackupRunSteps>? log = null) =>
        harness.Services(configure: services =>
        {
            services.AddSingleton(provider => new BackupStorage(provider.GetRequiredService<IOptions<BackupOptions>>(), TimeProvider.System, uploads.ClientOptions()));
            if (log is not null)
            {
                services.AddSingleton<ILogger<BackupRunSteps>>(log);
            }
        });
}
