using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup.Reading;

// The daily verification's activities: each a thin call into BackupVerification, registered under its class name in both hosts.

public sealed class ListPendingVerificationsActivity(BackupVerification verification) : TaskActivity<string?, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, string? input) => verification.PendingAsync(CancellationToken.None);
}

public sealed class DeepVerifySliceActivity(BackupVerification verification) : TaskActivity<DeepVerifyProgress, DeepVerifyProgress>
{
    public override Task<DeepVerifyProgress> RunAsync(TaskActivityContext context, DeepVerifyProgress input) => verification.DeepSliceAsync(input, CancellationToken.None);
}

public sealed class RecordVerificationActivity(BackupVerification verification) : TaskActivity<DeepVerifyProgress, VerifyReport>
{
    public override Task<VerifyReport> RunAsync(TaskActivityContext context, DeepVerifyProgress input) => verification.RecordDeepAsync(input, CancellationToken.None);
}
