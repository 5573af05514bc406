using Microsoft.DurableTask;

namespace AstroBot.Continuity.Portability.WhatsApp;

// The export's activities: each a thin call into WhatsAppExports, registered under its class name in both hosts.

public sealed class BuildExportActivity(WhatsAppExports exports) : TaskActivity<ExportRequest, ExportReady>
{
    public override Task<ExportReady> RunAsync(TaskActivityContext context, ExportRequest input) => exports.BuildAsync(input, CancellationToken.None);
}

public sealed class DeliverExportActivity(WhatsAppExports exports) : TaskActivity<ExportReady, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ExportReady input) => exports.DeliverAsync(input, CancellationToken.None);
}

public sealed class FailExportActivity(WhatsAppExports exports) : TaskActivity<ExportRequest, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ExportRequest input) => exports.FailAsync(input, CancellationToken.None);
}
