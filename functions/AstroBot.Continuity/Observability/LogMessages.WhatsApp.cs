using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// WhatsApp protocol layer: 1000-1199 (ids in ContinuityEventId). Message type and wamid only; never bodies, names, wa_ids or links.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.GraphMessageSent, Level = LogLevel.Information, Message = "Graph API accepted a {MessageType} message as {Wamid}")]
    internal static partial void GraphMessageSent(ILogger logger, string messageType, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.GraphSendRetrying, Level = LogLevel.Warning,
        Message = "Graph API send failed (HTTP {HttpStatus}, error code {ErrorCode}); attempt {NextAttempt} in {RetryDelay}")]
    internal static partial void GraphSendRetrying(ILogger logger, int nextAttempt, int? httpStatus, int? errorCode, TimeSpan retryDelay);

    [LoggerMessage(EventId = ContinuityEventId.GraphSendFailed, Level = LogLevel.Warning,
        Message = "Graph API did not accept a {MessageType} message (HTTP {HttpStatus}, error code {ErrorCode}, transient {IsTransient})")]
    internal static partial void GraphSendFailed(ILogger logger, string messageType, int? httpStatus, int? errorCode, bool isTransient);

    [LoggerMessage(EventId = ContinuityEventId.GraphBsuidRecipientRefused, Level = LogLevel.Warning,
        Message = "Graph API will not send this {MessageType} to a BSUID (131062) and no phone number is known; the user was not reached")]
    public static partial void GraphBsuidRecipientRefused(ILogger logger, string messageType);
}
