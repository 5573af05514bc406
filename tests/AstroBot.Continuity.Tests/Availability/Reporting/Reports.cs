using AstroBot.Continuity.Availability.Reporting;
using static AstroBot.Continuity.Tests.Availability.Reporting.Observations;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

/// <summary>Reports made from hand-made runs, for the picture's, the page's and the route's tests.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset AfterFebruary = new(2027, 3, 20, 0, 0, 0, TimeSpan.Zero);

    public static SlaMonth February { get; } = SlaMonth.TryParse("2027-02", out var month, out _) ? month : default;

    /// <summary>February 2027 up but for a 50-minute outage on the 10th (its first failure's error given) and a 2-hour gap on the 20th.</summary>
    public static IReadOnlyList<ProbeObservation> FebruaryRuns(string error = "the endpoint answered 503 Service Unavailable")
    {
        var outage = new DateTimeOffset(2027, 2, 10, 8, 0, 0, TimeSpan.Zero);
        var gap = new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero);
        return
        [
            .. EveryMinute(February.Start, February.End, up: true).Where(run => run.SentAt < outage || run.SentAt >= outage.AddMinutes(50))
                .Where(run => run.SentAt < gap || run.SentAt >= gap.AddHours(2)),
            .. EveryMinute(outage, outage.AddMinutes(50), up: false, error: error),
            .. EveryMinute(February.Start, February.End, up: true, RegionB).Where(run => run.SentAt.Day == 3),
        ];
    }

    public static SlaReport February2027(string error = "the endpoint answered 503 Service Unavailable") =>
        SlaCalculator.Compute(February, AfterFebruary, FebruaryRuns(error), "probe table availabilityprobes");
}
