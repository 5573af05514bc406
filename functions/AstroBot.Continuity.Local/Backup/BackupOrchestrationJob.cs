using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Local.Backup;

/// <summary>
/// A schedule of the local scheduler that starts one of the backup orchestrations (on the local host's in-memory
/// Durable Task engine) and returns, like the Functions app's timer of the same name; the outcome is in the catalog.
/// A backup the engine lost with the host is resumed by the next start.
/// </summary>
internal sealed class BackupOrchestrationJob(
    string name, ScheduleSetting schedule, Func<BackupOrchestrations, DurableTaskClient, CancellationToken, Task> start, BackupOrchestrations orchestrations, DurableTaskClient client)
    : IScheduledJob
{
    public string Name => name;

    public ScheduleSetting Schedule => schedule;

    public bool CatchUpMissedRun => true;

    public Task RunAsync(CancellationToken cancellationToken) => start(orchestrations, client, cancellationToken);
}
