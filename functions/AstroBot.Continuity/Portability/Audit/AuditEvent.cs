namespace AstroBot.Continuity.Portability.Audit;

/// <summary>What happened, as the audit trail and <c>data.json</c> name it.</summary>
public enum AuditEvent
{
    ExportRequested,
    ExportLinkCreated,
    ExportDownloaded,
}

/// <summary>Who asked: the user through WhatsApp, or an operator through the CLI or the admin API.</summary>
public enum AuditChannel
{
    WhatsApp,
    Operator,
}

/// <summary>The snake_case names the audit trail stores.</summary>
public static class AuditWireNames
{
    public static string ToWireName(this AuditEvent auditEvent) => auditEvent switch
    {
        AuditEvent.ExportRequested => "export_requested",
        AuditEvent.ExportLinkCreated => "export_link_created",
        AuditEvent.ExportDownloaded => "export_downloaded",
        _ => throw new ArgumentOutOfRangeException(nameof(auditEvent)),
    };

    public static string ToWireName(this AuditChannel channel) => channel == AuditChannel.WhatsApp ? "whatsapp" : "operator";
}
