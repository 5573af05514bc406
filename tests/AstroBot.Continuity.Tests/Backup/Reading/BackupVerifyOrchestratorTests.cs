using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Local.Backup;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Backup.Reading;

/// <summary>
/// The daily deep verification as the timer starts it: the orchestration on the real in-process Durable Task engine
/// with every backup task the local host registers, each backup checked a chunk per slice.
/// </summary>
public sealed class BackupVerifyOrchestratorTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Orchestration_TwoPendingBackups_VerifiesBothInSlicesWithTheSameFindingsAsOneGo()
    {
        var full = await harness.RunFullAsync();
        var incremental = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;
        using var host = await StartHostAsync();

        var instance = await RunAsync(host);

        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
        Assert.Equal(2, instance.ReadOutputAs<int>());
        var entry = await harness.EntryAsync(full.BackupId);
        Assert.Equal(BackupState.Verified, entry.State);
        Assert.Equal(BackupState.Verified, (await harness.EntryAsync(incremental.BackupId)).State);
        // Checked in one go, the full backup says the same as its sliced check recorded.
        var whole = await harness.Services().GetRequiredService<BackupVerification>().VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        Assert.Equal(whole.Summary, entry.VerifyResult);
        Assert.Equal(harness.TotalItems, whole.ItemsChecked);
    }

    [Fact]
    public async Task Orchestration_ACorruptedChunk_FailsNamingItAndRecordsTheProblem()
    {
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var chunk = await archive.SomeChunkAsync("readings");
        await archive.CorruptAsync(chunk.Name);
        using var host = await StartHostAsync();

        var instance = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("1 backup(s) failed deep verification", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(chunk.Name, instance.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var entry = await harness.EntryAsync(full.BackupId);
        Assert.Equal(BackupState.Committed, entry.State);
        Assert.Contains(chunk.Name, entry.VerifyResult, StringComparison.Ordinal);
    }

    private Task<IHost> StartHostAsync() => DurableBackupHost.StartAsync(harness, (tasks, _) => tasks.AddBackupTasks());

    private static Task<OrchestrationMetadata> RunAsync(IHost host) =>
        DurableBackupHost.CompletionAsync(host, client => host.Services.GetRequiredService<BackupOrchestrations>().StartVerifyAsync(client, CancellationToken.None));
}
