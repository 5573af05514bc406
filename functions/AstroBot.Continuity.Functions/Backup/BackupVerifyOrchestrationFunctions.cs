using AstroBot.Continuity.Backup.Reading;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>
/// The daily deep verification as Durable Functions: thin wrappers over the one body in the core
/// (<see cref="BackupVerifyOrchestrator.RunBodyAsync"/>) and the <see cref="BackupVerification"/> steps, under the
/// same names the local host registers them with.
/// </summary>
public sealed class BackupVerifyOrchestrationFunctions(BackupVerification verification)
{
    [Function(nameof(BackupVerifyOrchestrator))]
    public static Task<int> OrchestrateAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        BackupVerifyOrchestrator.RunBodyAsync(context);

    [Function(nameof(ListPendingVerificationsActivity))]
    public Task<IReadOnlyList<string>> PendingAsync([ActivityTrigger] string? input, CancellationToken cancellationToken) =>
        verification.PendingAsync(cancellationToken);

    [Function(nameof(DeepVerifySliceActivity))]
    public Task<DeepVerifyProgress> SliceAsync([ActivityTrigger] DeepVerifyProgress progress, CancellationToken cancellationToken) =>
        verification.DeepSliceAsync(progress, cancellationToken);

    [Function(nameof(RecordVerificationActivity))]
    public Task<VerifyReport> RecordAsync([ActivityTrigger] DeepVerifyProgress progress, CancellationToken cancellationToken) =>
        verification.RecordDeepAsync(progress, cancellationToken);
}
