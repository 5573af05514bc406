namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>What one run of the outbox drain did.</summary>
/// <param name="Outcome">Why it ended.</param>
/// <param name="Sent">Replies Meta accepted (and deleted from the outbox).</param>
/// <param name="Parked">Replies set aside: unreadable, or refused by Meta for good.</param>
/// <param name="Unreachable">Replies given up on: a template Meta will not send to a user known only by BSUID (131062).</param>
/// <param name="UsersBusy">Users skipped because another drain (the other region's) holds them.</param>
public sealed record OutboxDrainResult(OutboxDrainOutcome Outcome, int Sent, int Parked, int Unreachable, int UsersBusy);

/// <summary>Why a run of the outbox drain ended.</summary>
public enum OutboxDrainOutcome
{
    /// <summary>Every user it could take was drained (users held by another drain excepted).</summary>
    Drained,

    /// <summary>The Graph API still fails (transiently): the run stopped at once, everything waits for the next one.</summary>
    GraphUnavailable,

    /// <summary><c>Outbox:DrainRunDuration</c> or <c>Outbox:MaxSendsPerRun</c> was reached; the next run goes on.</summary>
    OutOfTime,
}
