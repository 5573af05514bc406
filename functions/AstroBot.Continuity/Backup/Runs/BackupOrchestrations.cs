using AstroBot.Continuity.Data;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Starts <see cref="BackupOrchestrator"/> with the host's own Durable Task client (the Functions app's
/// <c>[DurableClient]</c>, the local host's in-memory one): what the backup timers do, and all they do. One instance
/// per database (a fixed instance id), so a start while a run of either kind is under way starts nothing; the lease
/// keeps any other run (<c>continuity backup run</c>) out at the same time.
/// </summary>
public sealed class BackupOrchestrations(IOptions<CosmosOptions> cosmosOptions, ILogger<BackupOrchestrations> logger)
{
    /// <summary>The database's one backup orchestration instance id.</summary>
    public string InstanceId => "backup-" + cosmosOptions.Value.DatabaseName;

    /// <returns>The instance id when a run was scheduled; null when one is still under way.</returns>
    public async Task<string?> StartAsync(BackupKind kind, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = InstanceId;
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                LogMessages.BackupOrchestrationAlreadyRunning(logger, kind.ToString(), instanceId, existing.RuntimeStatus.ToString());
                return null;
            }

            // The last run is over (its outcome is in the catalog): its history makes way for the next.
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(BackupOrchestrator), kind, new StartOrchestrationOptions(instanceId), cancellationToken)
            .ConfigureAwait(false);
        LogMessages.BackupOrchestrationStarted(logger, instanceId, kind.ToString());
        return instanceId;
    }
}
