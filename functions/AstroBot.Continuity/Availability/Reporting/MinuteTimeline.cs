namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The state of every UTC minute of a range, from the probe runs sent in it (docs/availability.md, "Reporting"):
/// <list type="bullet">
/// <item>a minute is <b>up</b> when at least one run sent in it was up (both regions probe the same public endpoint
/// every minute: one run that got through shows that a user's message sent then got through; a run that failed beside
/// it says more about its own region's prober, which the report counts as a disagreement);</item>
/// <item><b>down</b> when runs were sent in it and none was up;</item>
/// <item><b>unknown</b> when no completed run was sent in it;</item>
/// <item>except that a gap of unknown minutes of at most <see cref="MaxBridgedGap"/> between two down minutes is
/// <b>down</b>: during an outage each region's run waits up to 90 s, so the timer skips minutes, and the gap is the
/// outage going on. A longer gap stays unknown: the measurement itself stopped.</item>
/// </list>
/// </summary>
public sealed class MinuteTimeline
{
    /// <summary>The longest gap of unknown minutes between two down minutes that counts as down.</summary>
    public static readonly TimeSpan MaxBridgedGap = TimeSpan.FromMinutes(5);

    private readonly MinuteState[] states;
    private readonly string?[] errors;
    private readonly bool[] disagreed;
    private readonly bool[] bridged;

    private MinuteTimeline(DateTimeOffset from, int minutes)
    {
        From = from;
        states = new MinuteState[minutes];
        errors = new string?[minutes];
        disagreed = new bool[minutes];
        bridged = new bool[minutes];
    }

    /// <summary>The start of the first minute (UTC, on a minute).</summary>
    public DateTimeOffset From { get; }

    /// <summary>How many minutes the timeline holds.</summary>
    public int Count => states.Length;

    /// <summary>The end of the last minute.</summary>
    public DateTimeOffset To => From.AddMinutes(Count);

    public MinuteState this[int minute] => states[minute];

    /// <summary>
    /// The minutes of [<paramref name="from"/>, <paramref name="to"/>), both taken down to the minute, from
    /// <paramref name="observations"/> (any order; those outside the range are left out).
    /// </summary>
    public static MinuteTimeline Build(DateTimeOffset from, DateTimeOffset to, IEnumerable<ProbeObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var start = Floor(from);
        var minutes = Math.Max(0, (int)((Floor(to) - start).Ticks / TimeSpan.TicksPerMinute));
        var timeline = new MinuteTimeline(start, minutes);
        var firstFailure = new DateTimeOffset?[minutes];
        var anyUp = new bool[minutes];
        var anyDown = new bool[minutes];
        foreach (var observation in observations)
        {
            var minute = timeline.IndexOf(observation.SentAt);
            if (minute < 0 || minute >= minutes)
            {
                continue;
            }

            if (observation.Up)
            {
                anyUp[minute] = true;
                continue;
            }

            anyDown[minute] = true;
            if (firstFailure[minute] is not { } first || observation.SentAt < first)
            {
                firstFailure[minute] = observation.SentAt;
                timeline.errors[minute] = observation.Error ?? "not up (no reason recorded)";
            }
        }

        for (var minute = 0; minute < minutes; minute++)
        {
            timeline.states[minute] = anyUp[minute] ? MinuteState.Up : anyDown[minute] ? MinuteState.Down : MinuteState.Unknown;
            timeline.disagreed[minute] = anyUp[minute] && anyDown[minute];
            if (anyUp[minute])
            {
                timeline.errors[minute] = null;
            }
        }

        timeline.BridgeShortGapsInsideOutages();
        return timeline;
    }

    /// <summary>The minute that holds <paramref name="at"/>: may be outside the timeline (below 0 or from <see cref="Count"/>).</summary>
    public int IndexOf(DateTimeOffset at) => (int)Math.Floor((at - From).Ticks / (double)TimeSpan.TicksPerMinute);

    /// <summary>The start of <paramref name="minute"/>.</summary>
    public DateTimeOffset StartOf(int minute) => From.AddMinutes(minute);

    /// <summary>Why the first failed run of a down minute was not up; null for any other minute and for a bridged one.</summary>
    public string? ErrorOf(int minute) => errors[minute];

    /// <summary>Runs of the minute disagreed: one was up, another was not.</summary>
    public bool Disagreed(int minute) => disagreed[minute];

    /// <summary>The minute had no run and counts as down, inside an outage.</summary>
    public bool Bridged(int minute) => bridged[minute];

    /// <summary>The counts of each state over [<paramref name="from"/>, <paramref name="to"/>), clipped to the timeline.</summary>
    public MinuteCounts Tally(DateTimeOffset from, DateTimeOffset to)
    {
        int up = 0, down = 0, unknown = 0, disagreements = 0;
        for (var minute = Math.Max(0, IndexOf(from)); minute < Math.Min(Count, IndexOf(to)); minute++)
        {
            switch (states[minute])
            {
                case MinuteState.Up:
                    up++;
                    break;
                case MinuteState.Down:
                    down++;
                    break;
                default:
                    unknown++;
                    break;
            }

            disagreements += disagreed[minute] ? 1 : 0;
        }

        return new MinuteCounts(up, down, unknown, disagreements);
    }

    /// <summary><paramref name="at"/> taken down to its minute, in UTC.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private void BridgeShortGapsInsideOutages()
    {
        var longest = (int)MaxBridgedGap.TotalMinutes;
        var lastDown = -1;
        for (var minute = 0; minute < states.Length; minute++)
        {
            switch (states[minute])
            {
                case MinuteState.Up:
                    lastDown = -1;
                    break;
                case MinuteState.Down:
                    var gap = minute - lastDown - 1;
                    if (lastDown >= 0 && gap > 0 && gap <= longest)
                    {
                        for (var inside = lastDown + 1; inside < minute; inside++)
                        {
                            states[inside] = MinuteState.Down;
                            bridged[inside] = true;
                        }
                    }

                    lastDown = minute;
                    break;
            }
        }
    }
}
