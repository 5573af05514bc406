using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>What each kind of drill measures and when it runs by itself.</summary>
public static class DrillKinds
{
    public static IReadOnlyList<DrillKind> All { get; } = Enum.GetValues<DrillKind>();

    /// <summary>The plan's scenario whose objectives the drill measures.</summary>
    public static string ScenarioOf(DrillKind kind) => kind switch
    {
        DrillKind.Restore => "DataCorruption",
        DrillKind.Failover => "RegionOutageCompute",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ScheduleSetting ScheduleOf(DrillKind kind) => kind switch
    {
        DrillKind.Restore => Schedules.RestoreDrill,
        DrillKind.Failover => Schedules.FailoverDrill,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The route and command-line name: <c>restore</c>, <c>failover</c>.</summary>
    public static string NameOf(DrillKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out DrillKind kind)
    {
        kind = default;
        return name is not null && All.Any(candidate => NameOf(candidate) == name.Trim().ToLowerInvariant()) && Enum.TryParse(name.Trim(), ignoreCase: true, out kind);
    }
}
