using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Portability;

/// <summary>
/// Starts the export orchestration of each confirmed EXPORT, from the queue the setting
/// <c>Portability:ExportRequestQueueName</c> names. The runtime retries a failed message and moves it to
/// <c>{queue}-poison</c> after host.json's <c>maxDequeueCount</c>; a duplicate schedules nothing.
/// </summary>
public sealed class ExportRequestFunction(ExportScheduler scheduler)
{
    [Function("PortabilityExportRequest")]
    public Task RunAsync(
        [QueueTrigger($"%{PortabilityOptions.ExportRequestQueueNameSetting}%")] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        scheduler.ScheduleAsync(message, client, cancellationToken);
}
