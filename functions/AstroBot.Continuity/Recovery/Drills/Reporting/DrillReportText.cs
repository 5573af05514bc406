using System.Globalization;
using System.Text.Json;

namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>How a drill's figures read, the same on the report, in <c>continuity drill</c> and <c>dr</c>, and in the runbooks: invariant culture, UTC.</summary>
public static class DrillReportText
{
    public const string None = "-";

    /// <summary>A duration as <c>hh:mm:ss</c> (<c>d.hh:mm:ss</c> from a day on), whole seconds; <see cref="None"/> for null.</summary>
    public static string Span(TimeSpan? span) => span switch
    {
        null => None,
        { Days: > 0 } value => value.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
        { Ticks: < 0 } value => "-" + Span(value.Negate()),
        var value => value.Value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>A measure against its objective: <c>00:00:12 against 04:00:00</c>.</summary>
    public static string Against(DrillMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return $"{Span(measure.Measured)} against {Span(measure.Objective)}";
    }

    /// <summary>Whether a measure met its objective: <c>met</c>, <c>missed</c> or <c>not measured</c>.</summary>
    public static string Verdict(DrillMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.Met switch { true => "met", false => "missed", null => "not measured" };
    }

    /// <summary>The state as the JSON writes it (<c>missed_objective</c>), for page classes and tests.</summary>
    public static string StateName(DrillState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    /// <summary>The state in words: <c>passed</c>, <c>missed its objective</c>, ...</summary>
    public static string StateWords(DrillState state) => state switch
    {
        DrillState.MissedObjective => "missed its objective",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary><c>restore drill</c>, <c>failover drill</c>.</summary>
    public static string KindWords(DrillKind kind) => DrillKinds.NameOf(kind) + " drill";

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
