using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// The placeholder for a command whose feature is not built yet (EXPORT, DELETE MY DATA): says so honestly,
/// and does nothing else. The portability feature replaces it with a real <see cref="IContinuityCommandHandler"/>.
/// </summary>
public sealed class NotYetAvailableCommandHandler(ContinuityCommand command, ReplySender replies) : IContinuityCommandHandler
{
    /// <inheritdoc />
    public ContinuityCommand Command { get; } = command;

    /// <summary>The reply sent for <paramref name="command"/>.</summary>
    public static string ReplyFor(ContinuityCommand command) =>
        command switch
        {
            ContinuityCommand.Export =>
                "Exporting your data through WhatsApp is not available yet; it is coming soon. Nothing was exported.",
            ContinuityCommand.DeleteMyData =>
                "Deleting your data through WhatsApp is not available yet; it is coming soon. Nothing was deleted.",
            _ => "This command is not available yet; it is coming soon.",
        };

    /// <inheritdoc />
    public Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return replies.SendTextAsync(request.Message.From, ReplyFor(Command), request.LastInboundAt, ct);
    }
}
