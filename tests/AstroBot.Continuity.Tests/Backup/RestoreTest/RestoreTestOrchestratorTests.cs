using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Local.Backup;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Backup.RestoreTest;

/// <summary>
/// The weekly restore test as the timer starts it: the orchestration on the real in-process Durable Task engine with
/// every backup task the local host registers, the restore a sub-orchestration, the read-back in slices of one page.
/// </summary>
public sealed class RestoreTestOrchestratorTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();
    private readonly string scratchPrefix = EmulatorEndpoints.UniqueName("rto") + "-";

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Orchestration_FreshBackup_PassesRecordsItAndDropsTheScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        using var host = await StartHostAsync();

        var instance = await RunAsync(host);

        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
        var report = instance.ReadOutputAs<RestoreTestReport>()!;
        Assert.True(report.Passed, report.Summary);
        Assert.Equal(full.BackupId, report.BackupId);
        Assert.Equal(harness.TotalItems, report.Containers.Sum(container => container.Restored));
        Assert.StartsWith("passed: ", (await harness.EntryAsync(full.BackupId)).RestoreTestResult, StringComparison.Ordinal);
        Assert.False(await ScratchDatabaseExistsAsync());
    }

    [Fact]
    public async Task Orchestration_CorruptedChunk_FailsWithTheSummaryRecordsItAndDropsTheScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var chunk = await archive.SomeChunkAsync("subscriptions");
        await archive.CorruptAsync(chunk.Name);
        using var host = await StartHostAsync();

        var instance = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains($"Restore test of backup {full.BackupId} failed:", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"chunk {chunk.Name}", instance.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(chunk.Name, (await harness.EntryAsync(full.BackupId)).RestoreTestResult, StringComparison.Ordinal);
        Assert.False(await ScratchDatabaseExistsAsync());
    }

    private Task<IHost> StartHostAsync() =>
        DurableBackupHost.StartAsync(harness, (tasks, _) => tasks.AddBackupTasks(), new Dictionary<string, string?> { ["Backup:ScratchDatabasePrefix"] = scratchPrefix });

    private static Task<OrchestrationMetadata> RunAsync(IHost host) =>
        DurableBackupHost.CompletionAsync(host, client => host.Services.GetRequiredService<BackupOrchestrations>().StartRestoreTestAsync(client, CancellationToken.None));

    private async Task<bool> ScratchDatabaseExistsAsync()
    {
        using var iterator = harness.Database.Client.GetDatabaseQueryIterator<Microsoft.Azure.Cosmos.DatabaseProperties>();
        while (iterator.HasMoreResults)
        {
            if ((await iterator.ReadNextAsync()).Any(database => database.Id.StartsWith(scratchPrefix, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
