using System.Globalization;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>Per-run resource names, so a run never shares a queue, table or database with anyone else.</summary>
internal sealed record BenchNames(string RunId)
{
    public static BenchNames Create() =>
        new(Random.Shared.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture));

    public string InboxQueue => $"bench-{RunId}-inbox";

    public string BotQueue => $"bench-{RunId}-bot";

    public string PoisonQueue => $"bench-{RunId}-inbox-poison";

    public string ClaimCheckContainer => $"bench-{RunId}-bodies";

    public string LedgerTable => $"bench{RunId}ledger";

    /// <summary>The identity directory: the canary and every benchmark's senders resolve into the run's own.</summary>
    public string IdentityTable => $"bench{RunId}identities";

    public string CosmosDatabase => $"bench{RunId}";

    /// <summary>The bare enqueue loop's own queue: the same writes, no front door.</summary>
    public string BareQueue => $"bench-{RunId}-bare";

    public string ExportContainer => $"bench-{RunId}-exports";

    public string ExportRequestQueue => $"bench-{RunId}-export-requests";

    public string AuditTable => $"bench{RunId}audit";

    public string ExportTable => $"bench{RunId}exports";

    public string ConfirmationTable => $"bench{RunId}confirm";

    /// <summary>The bare export loop's own blob container: blobs of the archives' sizes, no export.</summary>
    public string BareExportContainer => $"bench-{RunId}-bare-exports";
}
