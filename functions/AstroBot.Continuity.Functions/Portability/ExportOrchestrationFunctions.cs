using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Portability;

/// <summary>
/// The export orchestration and its activities as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="ExportOrchestrator.RunBodyAsync"/>) and <see cref="WhatsAppExports"/>, under the same names the
/// local host registers them with.
/// </summary>
public sealed class ExportOrchestrationFunctions(WhatsAppExports exports)
{
    [Function(nameof(ExportOrchestrator))]
    public static Task<ExportOutcome> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ExportOrchestrator.RunBodyAsync(
            context,
            context.GetInput<ExportRequest>() ?? throw new InvalidOperationException("The export orchestration needs an export request."));

    [Function(nameof(BuildExportActivity))]
    public Task<ExportReady> BuildAsync([ActivityTrigger] ExportRequest request, CancellationToken cancellationToken) =>
        exports.BuildAsync(request, cancellationToken);

    [Function(nameof(DeliverExportActivity))]
    public Task<bool> DeliverAsync([ActivityTrigger] ExportReady ready, CancellationToken cancellationToken) =>
        exports.DeliverAsync(ready, cancellationToken);

    [Function(nameof(FailExportActivity))]
    public Task<bool> FailAsync([ActivityTrigger] ExportRequest request, CancellationToken cancellationToken) =>
        exports.FailAsync(request, cancellationToken);
}
