using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary><c>HELP</c>: lists the continuity commands.</summary>
public sealed class HelpCommandHandler(ReplySender replies) : IContinuityCommandHandler
{
    /// <summary>The reply sent.</summary>
    public const string HelpText =
        "AstroBot data commands:\n" +
        "• EXPORT: get a copy of your data\n" +
        "• DELETE MY DATA: erase your data\n" +
        "• HELP: this list\n" +
        "Anything else goes to AstroBot as usual.";

    /// <inheritdoc />
    public ContinuityCommand Command => ContinuityCommand.Help;

    /// <inheritdoc />
    public Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return replies.SendTextAsync(request.Sender.UserKey, request.Sender.ReplyTo, HelpText, request.LastInboundAt, ct);
    }
}
