namespace AstroBot.Continuity.Hosting;

/// <summary>
/// Every schedule, as the six-field NCRONTAB expressions (second minute hour day month day-of-week, UTC) that
/// Azure Functions' <c>[TimerTrigger]</c> takes. Both hosts read them from here: the Functions app in its
/// trigger attributes, the local host in <see cref="ScheduledJobRunner"/>.
/// </summary>
public static class Schedules
{
    /// <summary>Daily at 03:30 UTC: forget ledger rows older than <c>FrontDoor:LedgerRetention</c>.</summary>
    public const string MessageLedgerPrune = "0 30 3 * * *";
}
