namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Carries out one continuity command. Register implementations as <see cref="IContinuityCommandHandler"/>
/// singletons (one per command; when several handle the same command, the last registered wins). A command
/// without a handler goes to the bot like any other message.
/// A handler may run twice for one message (at-least-once delivery): it should be idempotent by wamid.
/// </summary>
public interface IContinuityCommandHandler
{
    /// <summary>The command this handler carries out.</summary>
    ContinuityCommand Command { get; }

    /// <summary>Carries out the command; throwing makes the inbox retry the whole webhook.</summary>
    Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct);
}
