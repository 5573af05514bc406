using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Portability;

/// <summary>
/// Starts the export orchestration of each confirmed EXPORT. The runtime retries a failed message and moves it to
/// <c>export-requests-poison</c> after host.json's <c>maxDequeueCount</c>; a duplicate schedules nothing.
/// </summary>
public sealed class ExportRequestFunction(ExportScheduler scheduler)
{
    /// <summary>Must equal the default of <c>Portability:ExportRequestQueueName</c> (a test checks the generated metadata).</summary>
    public const string ExportRequestQueue = "export-requests";

    [Function("PortabilityExportRequest")]
    public Task RunAsync(
        [QueueTrigger(ExportRequestQueue)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        scheduler.ScheduleAsync(message, client, cancellationToken);
}
