using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Tests.Recovery.Drills;

/// <summary>Drill records as the history holds them, for the report's and the status's tests.</summary>
public static class DrillRecords
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    public static RecoveryObjective DataCorruption => new() { Rto = TimeSpan.FromHours(4), Rpo = TimeSpan.FromMinutes(5) };

    /// <summary>A restore drill that started at <paramref name="start"/> (default <see cref="Start"/>) and passed in 12 s: three steps, RPO 3 s.</summary>
    public static DrillRecord Passed(DateTimeOffset? start = null, string suffix = "0000000a")
    {
        var at = start ?? Start;
        return new DrillRecord(Id(at, suffix), DrillKind.Restore, "DataCorruption", "schedule", at, DataCorruption)
        {
            Steps =
            [
                new DrillStep("plan", at.AddSeconds(1), at.AddSeconds(2), true, "backups b1 into scratch"),
                new DrillStep("restore the newest backup chain", at.AddSeconds(2), at.AddSeconds(9), true, "12 items written"),
                new DrillStep("drop the scratch database", at.AddSeconds(9), at.AddSeconds(12), true),
            ],
            Facts = new Dictionary<string, string> { ["backups"] = "b1 b2", ["scratch_database"] = "scratch-x" },
        }.Complete(at.AddSeconds(12), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(3), null);
    }

    /// <summary>A restore drill whose restore step failed, with a name and detail that need escaping.</summary>
    public static DrillRecord Failed(DateTimeOffset? start = null)
    {
        var at = start ?? Start;
        return new DrillRecord(Id(at, "0000000f"), DrillKind.Restore, "DataCorruption", "ops <b>", at, DataCorruption)
        {
            Steps =
            [
                new DrillStep("plan", at, at.AddSeconds(1), true),
                new DrillStep("restore <the> chain", at.AddSeconds(1), at.AddSeconds(5), false, "403 <Forbidden> & more"),
            ],
        }.Complete(at.AddSeconds(6), null, null, "403 <Forbidden> & more");
    }

    private static string Id(DateTimeOffset at, string suffix) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-drill-restore-" + suffix;
}
