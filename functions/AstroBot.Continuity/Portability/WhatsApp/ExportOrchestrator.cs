using Microsoft.DurableTask;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// A user's export through WhatsApp as a Durable orchestration: build the archive and upload it, then send the
/// link; if either keeps failing, tell the user. Activities pass blob names and times, never links: a link is
/// made and sent inside one activity, so the orchestration history never holds one.
/// </summary>
public sealed class ExportOrchestrator : TaskOrchestrator<ExportRequest, ExportOutcome>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2));

    public override Task<ExportOutcome> RunAsync(TaskOrchestrationContext context, ExportRequest input) => RunBodyAsync(context, input);

    /// <summary>The one body, also called by the Functions app's thin <c>[OrchestrationTrigger]</c>.</summary>
    public static async Task<ExportOutcome> RunBodyAsync(TaskOrchestrationContext context, ExportRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var ready = await context.CallActivityAsync<ExportReady>(nameof(BuildExportActivity), input, Retry).ConfigureAwait(true);
            if (ready.BlobName is null)
            {
                // The user erased their data meanwhile: nothing to send.
                return new ExportOutcome(input.ExportId, Delivered: false);
            }

            var delivered = await context.CallActivityAsync<bool>(nameof(DeliverExportActivity), ready, Retry).ConfigureAwait(true);
            return new ExportOutcome(input.ExportId, delivered);
        }
        catch (TaskFailedException)
        {
            await context.CallActivityAsync(nameof(FailExportActivity), input, Retry).ConfigureAwait(true);
            return new ExportOutcome(input.ExportId, Delivered: false);
        }
    }
}

/// <summary>A built export: where its archive is and until when links to it work (null blob: nothing was built).</summary>
public sealed record ExportReady(ExportRequest Request, string? BlobName, DateTimeOffset ExpiresAt);

/// <summary>How an export orchestration ended: whether the link itself reached the user (false: held back or failed).</summary>
public sealed record ExportOutcome(string ExportId, bool Delivered);
