using AstroBot.Continuity.Availability.Reporting;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

/// <summary>Hand-made probe runs for the report's tests: one region's run every minute of a range, up or down.</summary>
internal static class Observations
{
    public const string RegionA = "westeurope";
    public const string RegionB = "northeurope";

    public static ProbeObservation Up(DateTimeOffset sentAt, string region = RegionA) => new(sentAt, region, true, null);

    public static ProbeObservation Down(DateTimeOffset sentAt, string region = RegionA, string error = "the endpoint answered 503 Service Unavailable") =>
        new(sentAt, region, false, error);

    /// <summary>One run per minute of [<paramref name="from"/>, <paramref name="to"/>), each sent 7 s into its minute.</summary>
    public static IEnumerable<ProbeObservation> EveryMinute(DateTimeOffset from, DateTimeOffset to, bool up, string region = RegionA, string error = "the endpoint answered 503 Service Unavailable")
    {
        for (var minute = from; minute < to; minute = minute.AddMinutes(1))
        {
            yield return up ? Up(minute.AddSeconds(7), region) : Down(minute.AddSeconds(7), region, error);
        }
    }
}
