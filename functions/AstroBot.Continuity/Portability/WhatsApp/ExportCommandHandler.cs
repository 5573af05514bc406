using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// <c>EXPORT</c>: within the cooldown of the latest export, the pending status or that export's link again (no
/// question asked); otherwise asks the user to confirm with YES (<see cref="PortabilityConfirmationGate"/> takes the answer).
/// </summary>
public sealed class ExportCommandHandler(
    WhatsAppExports exports,
    PendingConfirmations confirmations,
    ReplySender replies,
    IOptions<PortabilityOptions> options,
    ILogger<ExportCommandHandler> logger) : IContinuityCommandHandler
{
    /// <inheritdoc />
    public ContinuityCommand Command => ContinuityCommand.Export;

    /// <inheritdoc />
    public async Task HandleAsync(ContinuityCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sender = request.Sender;
        if (await exports.LatestInCooldownAsync(sender.UserKey, ct).ConfigureAwait(false) is { } latest)
        {
            await exports.AnswerRepeatAsync(sender, latest, request.LastInboundAt, ct).ConfigureAwait(false);
            return;
        }

        await confirmations.AskAsync(sender.UserKey, Command, request.Message.Wamid, ct).ConfigureAwait(false);
        LogMessages.ConfirmationAsked(logger, Command, request.Message.Wamid);
        await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.AskExport(options.Value.ConfirmationWindow), request.LastInboundAt, ct)
            .ConfigureAwait(false);
    }
}
