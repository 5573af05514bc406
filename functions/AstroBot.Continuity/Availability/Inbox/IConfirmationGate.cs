using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Sees every user message before command parsing, so a feature that asked the user to confirm something
/// (reply YES) can take the answer. Register implementations as <see cref="IConfirmationGate"/> singletons or
/// transients; the inbox consults them in registration order, and none is registered by default.
/// A gate may see the same message twice (at-least-once delivery): it must be idempotent by wamid.
/// </summary>
public interface IConfirmationGate
{
    /// <summary>
    /// Looks at <paramref name="message"/>: <see cref="ConfirmationGateResult.Consumed"/> when it was the awaited
    /// answer and has been acted on (the inbox routes it nowhere else), <see cref="ConfirmationGateResult.PassThrough"/>
    /// when the inbox must route it as usual (to a command or to the bot). Throwing makes the inbox retry the webhook.
    /// </summary>
    /// <param name="message">The user's message.</param>
    /// <param name="sender">The person who sent it: their key, and where replies go.</param>
    /// <param name="lastInboundAt">When the user last wrote, for the 24 h window of replies.</param>
    /// <param name="ct">Cancels the work.</param>
    Task<ConfirmationGateResult> InspectAsync(InboundMessage message, MessageSender sender, DateTimeOffset lastInboundAt, CancellationToken ct);
}

/// <summary>What an <see cref="IConfirmationGate"/> did with a message.</summary>
public enum ConfirmationGateResult
{
    /// <summary>Not an awaited answer (or it cancelled one): route the message as usual.</summary>
    PassThrough = 0,

    /// <summary>The awaited answer, acted on: route it nowhere else.</summary>
    Consumed = 1,
}
