using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>What <c>drill run --json</c> prints: the drill started, where to follow it (through a host), and its report once it ended.</summary>
/// <param name="StatusUrl">The host's <c>GET /api/drills/{id}</c>; null for a drill run in this process.</param>
/// <param name="ReportUrl">The host's report page; null for a drill run in this process.</param>
/// <param name="Report">The drill's report once it ended (<c>--wait</c>, or in this process); null while it runs.</param>
internal sealed record DrillRunResult(string DrillId, DrillKind Kind, Uri? StatusUrl, Uri? ReportUrl, DrillReport? Report);
