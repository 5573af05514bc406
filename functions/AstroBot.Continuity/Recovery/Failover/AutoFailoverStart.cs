namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The automated failover's input: the first signal and the timings of <c>Recovery:AutoFailover</c> when it started,
/// so that a replay decides with the timings it started with.
/// </summary>
public sealed record AutoFailoverStart(FailoverSignal Signal, TimeSpan ConfirmWithin, TimeSpan ApprovalWait, TimeSpan MinimumInterval);
