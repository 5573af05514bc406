using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// <c>DELETE MY DATA</c>: asks the user to confirm with YES; <see cref="PortabilityConfirmationGate"/> takes the
/// answer and runs <see cref="WhatsAppErasure"/>.
/// </summary>
public sealed class DeleteMyDataCommandHandler(
    PendingConfirmations confirmations,
    ReplySender replies,
    IOptions<PortabilityOptions> options,
    ILogger<DeleteMyDataCommandHandler> logger) : IContinuityCommandHandler
{
    /// <inheritdoc />
    public ContinuityCommand Command => ContinuityCommand.DeleteMyData;

    /// <inheritdoc />
    public async Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await confirmations.AskAsync(request.Sender.UserKey, Command, request.Message.Wamid, ct).ConfigureAwait(false);
        LogMessages.ConfirmationAsked(logger, Command, request.Message.Wamid);
        await replies.SendTextAsync(request.Sender.UserKey, request.Sender.ReplyTo, PortabilityReplies.AskDelete(options.Value.ConfirmationWindow), request.LastInboundAt, ct)
            .ConfigureAwait(false);
    }
}
