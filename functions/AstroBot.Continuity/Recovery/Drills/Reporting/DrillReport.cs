using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>
/// A drill's evidence as the report shows it (<c>GET /api/drills/{id}/report</c>): the record as the history holds it,
/// and what follows from it: each step's offset from the start and duration, the whole drill's duration, and the RTO
/// and RPO against the objectives.
/// </summary>
/// <param name="Duration">From the start to the end; null while the drill runs.</param>
public sealed record DrillReport(DrillRecord Drill, TimeSpan? Duration, IReadOnlyList<DrillStepTiming> Timeline, DrillMeasure Rto, DrillMeasure Rpo)
{
    public static DrillReport Of(DrillRecord drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return new DrillReport(
            drill,
            drill.CompletedAt - drill.StartedAt,
            [.. drill.Steps.Select(step => new DrillStepTiming(step.Name, step.StartedAt - drill.StartedAt, step.Duration, step.Succeeded, step.Detail))],
            new DrillMeasure(drill.Rto, drill.Objective.Rto),
            new DrillMeasure(drill.Rpo, drill.Objective.Rpo));
    }

    /// <summary>The time the timeline covers: to the drill's end, its last step's end or its measured RTO, whichever is latest.</summary>
    [JsonIgnore]
    public TimeSpan Span =>
        new[] { Duration ?? TimeSpan.Zero, Rto.Measured ?? TimeSpan.Zero }
            .Concat(Timeline.Select(step => step.Offset + step.Duration))
            .Max();
}
