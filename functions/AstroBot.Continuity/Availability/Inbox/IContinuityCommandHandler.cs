namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Carries out one continuity command. Register implementations as <see cref="IContinuityCommandHandler"/>
/// singletons; when several handle the same command, the last registered wins, so a later feature replaces
/// the placeholder by registering its own handler after <c>AddFrontDoor</c>.
/// A handler may run twice for one message (at-least-once delivery): it should be idempotent by wamid.
/// </summary>
public interface IContinuityCommandHandler
{
    /// <summary>The command this handler carries out.</summary>
    ContinuityCommand Command { get; }

    /// <summary>Carries out the command; throwing makes the inbox retry the whole webhook.</summary>
    Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct);
}
