using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Local.Portability.WhatsApp;

/// <summary>The export orchestration and its activities, for a host that runs the Durable Task engine itself.</summary>
public static class PortabilityDurableTasks
{
    /// <summary>
    /// Registers <see cref="ExportOrchestrator"/>, <see cref="BuildExportActivity"/>, <see cref="DeliverExportActivity"/>
    /// and <see cref="FailExportActivity"/> under their class names (the names the Functions app declares them with).
    /// The local host calls it inside <c>AddInMemoryDurableTask(tasks => ...)</c>.
    /// </summary>
    public static DurableTaskRegistry AddPortabilityTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        tasks.AddOrchestrator<ExportOrchestrator>();
        tasks.AddActivity<BuildExportActivity>();
        tasks.AddActivity<DeliverExportActivity>();
        tasks.AddActivity<FailExportActivity>();
        return tasks;
    }
}
