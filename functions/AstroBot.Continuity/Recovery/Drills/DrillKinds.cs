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
        DrillKind.NativeBackup => "DeletedResources",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ScheduleSetting ScheduleOf(DrillKind kind) => kind switch
    {
        DrillKind.Restore => Schedules.RestoreDrill,
        DrillKind.Failover => Schedules.FailoverDrill,
        DrillKind.NativeBackup => Schedules.NativeBackupDrill,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The route and command-line name, the kind in lowercase words joined by dashes: <c>restore</c>, <c>failover</c>, <c>native-backup</c>.</summary>
    public static string NameOf(DrillKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsAsciiLetterUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The kind whose <see cref="NameOf"/> is <paramref name="name"/> (any case); no other spelling.</summary>
    public static bool TryParse(string? name, out DrillKind kind)
    {
        var wanted = name?.Trim().ToLowerInvariant();
        kind = All.FirstOrDefault(candidate => NameOf(candidate) == wanted);
        return wanted is not null && NameOf(kind) == wanted;
    }
}
