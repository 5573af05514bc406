namespace AstroBot.Continuity.Hosting;

/// <summary>
/// The HTTP routes of the hosts, below the <c>/api</c> prefix of Azure Functions. One place, so the Functions app
/// and the local host can never drift apart. Both serve every route but <see cref="BackupRestore"/>.
/// </summary>
public static class HttpRoutes
{
    public const string Prefix = "api";
    public const string WhatsAppWebhook = "whatsapp/webhook";
    public const string Health = "health";
    public const string HealthReady = "health/ready";

    /// <summary>The backups' health against the alert thresholds (an operator route: a function key in Azure).</summary>
    public const string BackupStatus = "backup/status";

    /// <summary>Starts the restore orchestration (an operator route: a function key in Azure). The Functions app only: locally, <c>continuity restore</c>.</summary>
    public const string BackupRestore = "backup/restore";

    /// <summary>Imports one export archive (an operator route: a function key in Azure).</summary>
    public const string PortabilityImport = "portability/import";

    /// <summary>
    /// Maintenance mode: GET the status, POST a window, DELETE it (an operator route: a function key in Azure). Not under
    /// <c>admin/</c>: the Functions host refuses any route that starts with <c>admin</c> (its own management API).
    /// </summary>
    public const string Maintenance = "maintenance";

    /// <summary>Incidents: GET the status, POST one open (an operator route: a function key in Azure).</summary>
    public const string Incidents = "incidents";

    /// <summary>Resolves the open incident (an operator route: a function key in Azure).</summary>
    public const string IncidentsResolve = "incidents/resolve";

    /// <summary>Azure Monitor's alert webhook (common alert schema) that opens and resolves incidents: a function key in Azure.</summary>
    public const string IncidentsAlert = "incidents/alert";

    /// <summary>The public status as JSON: anonymous, GET and HEAD (any other method 405).</summary>
    public const string Status = "status";

    /// <summary>The public status page: anonymous, GET and HEAD (any other method 405).</summary>
    public const string StatusPage = "status/page";

    /// <summary>The SLA report of a month: <c>GET ?month=YYYY-MM&amp;format=json|svg|png|html</c> (an operator route: a function key in Azure).</summary>
    public const string SlaReport = "sla/report";

    /// <summary>The drill history (GET), and <c>drills/{kind}</c> starts one (POST), <c>drills/{id}</c> one drill (GET): operator routes, a function key in Azure.</summary>
    public const string Drills = "drills";

    /// <summary>Starts a drill of a kind (POST).</summary>
    public const string DrillStart = "drills/{kind}";

    /// <summary>One drill's record (GET).</summary>
    public const string Drill = "drills/{id}";

    /// <summary>One drill's report: <c>GET ?format=html|json|svg</c> (an operator route: a function key in Azure).</summary>
    public const string DrillReport = "drills/{id}/report";

    /// <summary>The automated failover's state and its recent decisions (GET): an operator route, a function key in Azure.</summary>
    public const string Failover = "failover";

    /// <summary>Approves the automated failover waiting at its gate (POST, optional <c>{"by": "..."}</c>).</summary>
    public const string FailoverApprove = "failover/approve";

    /// <summary>Rejects the automated failover waiting at its gate (POST, optional <c>{"by": "..."}</c>).</summary>
    public const string FailoverReject = "failover/reject";
}
