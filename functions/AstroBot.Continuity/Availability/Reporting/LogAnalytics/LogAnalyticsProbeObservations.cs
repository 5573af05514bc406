using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Reporting.LogAnalytics;

/// <summary>
/// The probe runs as Log Analytics has them in Azure: each completed run logs event 1700 (<c>ProbeCompleted</c>) in the
/// region that ran it, which Application Insights keeps in the workspace's <c>AppTraces</c>, its template's values in
/// <c>Properties</c> (<c>EventId</c>, <c>Wamid</c>, <c>Region</c>, <c>Up</c>, <c>ProbeError</c>, ...). The send time is
/// the one in the wamid (<see cref="ProbeWamid"/>): the event is logged when the run ends, up to 90 s later. A run
/// that never completed logged nothing, as it counts nothing in the probe table either.
/// </summary>
public sealed class LogAnalyticsProbeObservations(LogAnalyticsQueryClient client, IOptions<SlaReportOptions> options) : IProbeObservationSource
{
    /// <summary>How long after its send a run's event may be logged: the longest run (the 60 s hand-over wait, or a 30 s request) and the logging's own delay.</summary>
    internal static readonly TimeSpan LoggedWithin = TimeSpan.FromMinutes(10);

    // {0}: the event id. The newest row of a wamid stands, should the exporter have sent one twice.
    private const string QueryTemplate = """
        AppTraces
        | where tostring(Properties.EventId) == '{0}'
        | extend Wamid = tostring(Properties.Wamid)
        | where Wamid startswith 'wamid.probe.'
        | summarize arg_max(TimeGenerated, Properties) by Wamid
        | project Wamid, Region = tostring(Properties.Region), Up = tostring(Properties.Up), ProbeError = tostring(Properties.ProbeError)
        """;

    /// <summary>The query, with the event id of <see cref="ContinuityEventId.ProbeCompleted"/>.</summary>
    public static string Query { get; } = string.Format(CultureInfo.InvariantCulture, QueryTemplate, ContinuityEventId.ProbeCompleted);

    public string Description => $"Log Analytics workspace {options.Value.LogAnalyticsWorkspaceId}";

    public async Task<IReadOnlyList<ProbeObservation>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var workspace = options.Value.LogAnalyticsWorkspaceId
            ?? throw new InvalidOperationException("Availability:LogAnalyticsWorkspaceId is not set: the report reads the probe table.");
        var table = await client.QueryAsync(workspace, Query, from, to + LoggedWithin, ct).ConfigureAwait(false);
        var (wamid, region, up, error) = (table.IndexOf("Wamid"), table.IndexOf("Region"), table.IndexOf("Up"), table.IndexOf("ProbeError"));
        var observations = new List<ProbeObservation>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (ProbeWamid.TryGetSentAt(Text(row[wamid]), out var sentAt) && sentAt >= from && sentAt < to && Text(row[region]) is { } name)
            {
                var isUp = bool.TryParse(Text(row[up]), out var parsed) && parsed;
                observations.Add(new ProbeObservation(sentAt, name, isUp, isUp ? null : Text(row[error]) ?? "not up (no reason logged)"));
            }
        }

        return observations;
    }

    // Properties hold strings; an absent or null value comes back empty.
    private static string? Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && text != "null" ? text : null;
}
