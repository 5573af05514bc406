using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Local.Backup;

/// <summary>
/// A backup schedule of the local scheduler: like the Functions app's timer of the same name, it only starts the
/// backup orchestration (on the local host's in-memory Durable Task engine) and returns; the run's outcome is in the
/// catalog. A run the engine lost with the host is resumed by the next start.
/// </summary>
internal sealed class BackupOrchestrationJob(string name, ScheduleSetting schedule, BackupKind kind, BackupOrchestrations orchestrations, DurableTaskClient client)
    : IScheduledJob
{
    public string Name => name;

    public ScheduleSetting Schedule => schedule;

    public bool CatchUpMissedRun => true;

    public Task RunAsync(CancellationToken cancellationToken) => orchestrations.StartAsync(kind, client, cancellationToken);
}
