namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>One decision of the automated failover, as recorded (<see cref="FailoverDecisionLog"/>).</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="Step">The step that decided: <c>signal</c>, <c>confirm</c>, <c>guard</c>, <c>incident</c>, <c>approval</c>, <c>switch</c>, <c>verify</c>, <c>stand down</c>.</param>
/// <param name="Said">What was decided and why, in words.</param>
/// <param name="Switched">True when the traffic was moved (a failover or a fail-back): what the no-flapping rule counts.</param>
public sealed record FailoverDecision(DateTimeOffset At, string Step, string Said, bool Switched = false);

/// <summary>A decision the orchestration asks to record; the activity stamps the time.</summary>
public sealed record FailoverNote(string Step, string Said, bool Switched = false);
