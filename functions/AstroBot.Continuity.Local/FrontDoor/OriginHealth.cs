namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>Where an origin stands with the front door.</summary>
public enum OriginState
{
    /// <summary>Not probed yet: it may take traffic (as YARP's "unknown" destinations do) until the first probe decides.</summary>
    Unknown,

    /// <summary>Healthy and taking its share: all traffic when it has the lowest priority number of those in service.</summary>
    InService,

    /// <summary>
    /// Healthy again after being taken out, and waiting out the restoration delay: it takes traffic only when no origin
    /// is in service (better than a 503), and goes back into service when every probe of the delay succeeded.
    /// </summary>
    Restoring,

    /// <summary>Taken out: no traffic.</summary>
    Unhealthy,
}

/// <summary>
/// One origin's health, judged probe by probe as Azure Front Door judges an origin: taken out when
/// <see cref="LocalFrontDoorOptions.UnhealthyAfterFailures"/> of its last <see cref="LocalFrontDoorOptions.SampleSize"/>
/// probes failed, healthy again after <see cref="LocalFrontDoorOptions.HealthyAfterSuccesses"/> successes in a row, and
/// then, if it had been in service before, held back for <see cref="LocalFrontDoorOptions.RestorationDelay"/> with every
/// probe succeeding. Decisions happen at probes only, like Front Door's. Not thread-safe: one probe round at a time
/// (YARP's scheduler probes a cluster once per interval); <see cref="State"/> may be read from any thread.
/// </summary>
public sealed class OriginHealth(LocalFrontDoorOptions options)
{
    private readonly Queue<bool> window = new();
    private int successesInARow;
    private bool servedBefore;
    private DateTimeOffset restoringSince;
    private volatile OriginState state = OriginState.Unknown;

    /// <summary>The origin's state after the latest probe.</summary>
    public OriginState State => state;

    /// <summary>Failed probes among the last <see cref="LocalFrontDoorOptions.SampleSize"/> since it went into service.</summary>
    public int RecentFailures => window.Count(success => !success);

    /// <summary>Takes one probe's outcome into account.</summary>
    /// <param name="success">Whether the probe was answered 200 in time.</param>
    /// <param name="at">When the probe completed.</param>
    /// <returns>The state after it (the same as before when nothing changed).</returns>
    public OriginState Observe(bool success, DateTimeOffset at)
    {
        window.Enqueue(success);
        while (window.Count > options.SampleSize)
        {
            window.Dequeue();
        }

        successesInARow = success ? successesInARow + 1 : 0;
        state = Next(success, at);
        return state;
    }

    private OriginState Next(bool success, DateTimeOffset at) => state switch
    {
        // The first probe decides: nothing known says otherwise.
        OriginState.Unknown => success ? EnterService() : OriginState.Unhealthy,
        OriginState.InService => RecentFailures >= options.UnhealthyAfterFailures ? OriginState.Unhealthy : OriginState.InService,
        OriginState.Unhealthy when successesInARow < options.HealthyAfterSuccesses => OriginState.Unhealthy,
        OriginState.Unhealthy when !servedBefore || options.RestorationDelay <= TimeSpan.Zero => EnterService(),
        OriginState.Unhealthy => StartRestoring(at),
        OriginState.Restoring when !success => OriginState.Unhealthy,
        OriginState.Restoring => at - restoringSince >= options.RestorationDelay ? EnterService() : OriginState.Restoring,
        _ => state,
    };

    private OriginState EnterService()
    {
        // Judged afresh from here: failures from before it came back must not take it out again.
        window.Clear();
        servedBefore = true;
        return OriginState.InService;
    }

    private OriginState StartRestoring(DateTimeOffset at)
    {
        restoringSince = at;
        return OriginState.Restoring;
    }
}
