using System.Globalization;
using AstroBot.Continuity.Backup;
using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The automated failover as a Durable orchestration, one instance at a time (<see cref="FailoverSignals.InstanceId"/>):
/// record the first signal; confirm it by a second, independent one within <c>ConfirmWithin</c> (the probe's evidence
/// read now, or a signal from the other source), the secondary ready, else stand down; open the incident; the
/// no-flapping guard (a switch recorded within <c>MinimumInterval</c>: stand down, a person decides); the approval gate
/// (a person approves or rejects; without an answer in <c>ApprovalWait</c> it proceeds only if the outage persists);
/// switch to the secondary and take the primary's database region offline; check the webhook path through the new
/// primary. Every decision is recorded (<see cref="FailoverDecisionLog"/>); nothing is ever switched back.
/// </summary>
public sealed class AutoFailoverOrchestrator : TaskOrchestrator<AutoFailoverStart, string>
{
    /// <summary>Who opens the incident: not the probe or an alert, so only a person resolves it.</summary>
    public const string IncidentOpener = "automatic failover";

    private static readonly TaskOptions Retried = ActivityRetry.Options(ActivityRetry.DefaultFirstInterval);

    public override Task<string> RunAsync(TaskOrchestrationContext context, AutoFailoverStart input) => RunBodyAsync(context, input);

    /// <summary>The one body, for a host's thin <c>[OrchestrationTrigger]</c> too. Returns the last decision, in words.</summary>
    public static async Task<string> RunBodyAsync(TaskOrchestrationContext context, AutoFailoverStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await NoteAsync(context, "signal", $"{input.Signal.Source}: {input.Signal.Detail}").ConfigureAwait(true);

        context.SetCustomStatus(new { phase = "confirming", from = input.Signal.Source });
        var (confirmed, reading) = await ConfirmAsync(context, input).ConfigureAwait(true);
        if (!confirmed)
        {
            return await StandDownAsync(context, "confirm", $"no second signal within {Span(input.ConfirmWithin)}: {reading.Said}").ConfigureAwait(true);
        }

        if (!reading.SecondaryReady)
        {
            return await StandDownAsync(context, "confirm", $"the outage is confirmed but the secondary cannot take the traffic: {reading.Said}").ConfigureAwait(true);
        }

        await NoteAsync(context, "confirm", $"confirmed: {reading.Said}").ConfigureAwait(true);
        var incident = await context.CallActivityAsync<string>(nameof(OpenFailoverIncidentActivity), "open", Retried).ConfigureAwait(true);
        await NoteAsync(context, "incident", $"incident {incident} is open").ConfigureAwait(true);

        var lastSwitch = await context.CallActivityAsync<DateTimeOffset?>(nameof(ReadLastFailoverSwitchActivity), "last", Retried).ConfigureAwait(true);
        if (lastSwitch is { } last && new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) - last < input.MinimumInterval)
        {
            return await StandDownAsync(
                context, "guard",
                $"the traffic was last moved at {last.ToString("u", CultureInfo.InvariantCulture)}, within Recovery:AutoFailover:MinimumInterval {Span(input.MinimumInterval)}: no automated failover, a person must decide (incident {incident})").ConfigureAwait(true);
        }

        var (proceed, why) = await ApprovalAsync(context, input).ConfigureAwait(true);
        if (!proceed)
        {
            return await StandDownAsync(context, "approval", why).ConfigureAwait(true);
        }

        await NoteAsync(context, "approval", why).ConfigureAwait(true);
        context.SetCustomStatus(new { phase = "switching" });
        string switched;
        try
        {
            switched = await context.CallActivityAsync<string>(nameof(SwitchToSecondaryActivity), "switch").ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            return await StandDownAsync(context, "switch", $"the switch failed, a person must act (docs/dr/region-outage.md): {exception.FailureDetails.ErrorMessage}").ConfigureAwait(true);
        }

        await NoteAsync(context, "switch", switched, switched: true).ConfigureAwait(true);
        try
        {
            var verified = await context.CallActivityAsync<string>(nameof(VerifyFailoverPathActivity), "verify").ConfigureAwait(true);
            return await NoteAsync(context, "verify", verified).ConfigureAwait(true);
        }
        catch (TaskFailedException exception)
        {
            return await NoteAsync(context, "verify", $"switched, but the webhook path through the new primary does not work, a person must look: {exception.FailureDetails.ErrorMessage}").ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Confirmed when signals from two sources were seen: the first, the probe's evidence (read now, and again after each
    /// signal from a new source) or a later signal. Repeats of a source seen already (an alert storm) change nothing.
    /// </summary>
    private static async Task<(bool Confirmed, OutageReading Reading)> ConfirmAsync(TaskOrchestrationContext context, AutoFailoverStart input)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { input.Signal.Source };
        var deadline = context.CurrentUtcDateTime + input.ConfirmWithin;
        var reading = await ReadOutageAsync(context, seen).ConfigureAwait(true);
        while (seen.Count < 2)
        {
            var left = deadline - context.CurrentUtcDateTime;
            if (left <= TimeSpan.Zero)
            {
                return (false, reading);
            }

            FailoverSignal next;
            try
            {
                next = await context.WaitForExternalEvent<FailoverSignal>(FailoverSignals.SignalEvent, left).ConfigureAwait(true);
            }
            catch (TaskCanceledException)
            {
                return (false, reading);
            }

            if (seen.Add(next.Source))
            {
                await NoteAsync(context, "signal", $"{next.Source}: {next.Detail}").ConfigureAwait(true);
                reading = await ReadOutageAsync(context, seen).ConfigureAwait(true);
            }
        }

        return (true, reading);
    }

    private static async Task<OutageReading> ReadOutageAsync(TaskOrchestrationContext context, HashSet<string> seen)
    {
        var reading = await context.CallActivityAsync<OutageReading>(nameof(ReadRegionOutageActivity), "read", Retried).ConfigureAwait(true);
        if (reading.PrimaryDown)
        {
            seen.Add(FailoverSignals.Probe);
        }

        return reading;
    }

    /// <summary>A person's answer, or after <c>ApprovalWait</c> without one, the outage read again: proceed only if it persists.</summary>
    private static async Task<(bool Proceed, string Why)> ApprovalAsync(TaskOrchestrationContext context, AutoFailoverStart input)
    {
        var until = context.CurrentUtcDateTime + input.ApprovalWait;
        context.SetCustomStatus(new { phase = "awaiting approval", until });
        try
        {
            var answer = await context.WaitForExternalEvent<FailoverApproval>(FailoverSignals.ApprovalEvent, input.ApprovalWait).ConfigureAwait(true);
            return answer.Approve ? (true, $"approved by {answer.By}") : (false, $"rejected by {answer.By}");
        }
        catch (TaskCanceledException)
        {
            var reading = await context.CallActivityAsync<OutageReading>(nameof(ReadRegionOutageActivity), "read", Retried).ConfigureAwait(true);
            return reading switch
            {
                { PrimaryDown: false } => (false, $"no approval came within {Span(input.ApprovalWait)} and the outage is over: {reading.Said}"),
                { SecondaryReady: false } => (false, $"no approval came within {Span(input.ApprovalWait)}; the outage persists but the secondary cannot take the traffic: {reading.Said}"),
                _ => (true, $"no approval came within {Span(input.ApprovalWait)} and the outage persists, so proceeding: {reading.Said}"),
            };
        }
    }

    private static async Task<string> StandDownAsync(TaskOrchestrationContext context, string step, string why) =>
        await NoteAsync(context, step, $"stood down, nothing switched: {why}").ConfigureAwait(true);

    private static async Task<string> NoteAsync(TaskOrchestrationContext context, string step, string said, bool switched = false)
    {
        var decision = await context.CallActivityAsync<FailoverDecision>(nameof(RecordFailoverDecisionActivity), new FailoverNote(step, said, switched), Retried).ConfigureAwait(true);
        return $"{decision.Step}: {decision.Said}";
    }

    private static string Span(TimeSpan span) => span.TotalSeconds < 120
        ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";
}
