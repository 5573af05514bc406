using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Data;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Starts the backup orchestrations with the host's own Durable Task client (the Functions app's
/// <c>[DurableClient]</c>, the local host's in-memory one): what the backup, verification and restore-test timers do, and all they
/// do. One instance of each per database (a fixed instance id), so a start while one is under way starts nothing; the
/// lease keeps any other backup (<c>continuity backup run</c>) out at the same time.
/// </summary>
public sealed class BackupOrchestrations(IOptions<CosmosOptions> cosmosOptions, ILogger<BackupOrchestrations> logger)
{
    /// <summary>The database's one backup orchestration instance id, for runs of either kind.</summary>
    public string BackupInstanceId => "backup-" + cosmosOptions.Value.DatabaseName;

    /// <summary>The database's one restore-test orchestration instance id.</summary>
    public string RestoreTestInstanceId => "restore-test-" + cosmosOptions.Value.DatabaseName;

    /// <returns>The instance id when a run was scheduled; null when one is still under way.</returns>
    public Task<string?> StartBackupAsync(BackupKind kind, DurableTaskClient client, CancellationToken cancellationToken) =>
        StartOnceAsync(client, nameof(BackupOrchestrator), BackupInstanceId, kind, $"{kind} backup", cancellationToken);

    /// <summary>The database's one deep-verification orchestration instance id.</summary>
    public string VerifyInstanceId => "verify-" + cosmosOptions.Value.DatabaseName;

    /// <returns>The instance id when a check was scheduled; null when one is still under way.</returns>
    public Task<string?> StartVerifyAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        StartOnceAsync(client, nameof(BackupVerifyOrchestrator), VerifyInstanceId, null, "deep verification", cancellationToken);

    /// <returns>The instance id when a test was scheduled; null when one is still under way.</returns>
    public Task<string?> StartRestoreTestAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        StartOnceAsync(client, nameof(RestoreTestOrchestrator), RestoreTestInstanceId, null, "restore test", cancellationToken);

    private async Task<string?> StartOnceAsync(
        DurableTaskClient client, string orchestrator, string instanceId, object? input, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                LogMessages.BackupOrchestrationAlreadyRunning(logger, what, instanceId, existing.RuntimeStatus.ToString());
                return null;
            }

            // The last one is over (its outcome is in the catalog): its history makes way for the next.
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        LogMessages.BackupOrchestrationStarted(logger, instanceId, what);
        return instanceId;
    }
}
