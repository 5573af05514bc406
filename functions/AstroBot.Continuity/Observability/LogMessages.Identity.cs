using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Identity directory: 7000-7999 (ids in ContinuityEventId). Never an identifier's value: phone numbers, BSUIDs and usernames are personal data.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.IdentityPersonCreated, Level = LogLevel.Information, Message = "Identity: a new person (minted key: {Minted}) with {IdentifierCount} identifiers")]
    public static partial void IdentityPersonCreated(ILogger logger, bool minted, int identifierCount);

    [LoggerMessage(EventId = ContinuityEventId.IdentityLinked, Level = LogLevel.Information, Message = "Identity: {Linked} identifiers linked to a known person ({Lost} held by someone else)")]
    public static partial void IdentityLinked(ILogger logger, int linked, int lost);

    [LoggerMessage(EventId = ContinuityEventId.IdentityConflictRecorded, Level = LogLevel.Warning, Message = "Identity: a {Kind} already held by another person was recorded as a conflict for an operator")]
    public static partial void IdentityConflictRecorded(ILogger logger, IdentifierKind kind);

    [LoggerMessage(EventId = ContinuityEventId.IdentityRecycledNumber, Level = LogLevel.Information, Message = "Identity: a phone number its person gave up came with a new BSUID; a new person got it")]
    public static partial void IdentityRecycledNumber(ILogger logger);

    [LoggerMessage(EventId = ContinuityEventId.IdentityChangeApplied, Level = LogLevel.Information, Message = "Identity: change {Wamid} ({Kind}) applied ({Lost} new identifiers held by someone else)")]
    public static partial void IdentityChangeApplied(ILogger logger, string wamid, IdentityChangeKind kind, int lost);

    [LoggerMessage(EventId = ContinuityEventId.IdentityChangeWithoutIdentifiers, Level = LogLevel.Warning, Message = "Identity: change {Wamid} names no new phone number or BSUID; nothing to apply")]
    public static partial void IdentityChangeWithoutIdentifiers(ILogger logger, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.IdentityUndocumentedBsuid, Level = LogLevel.Information, Message = "Identity: a BSUID outside Meta's documented shape was taken as sent (message {Wamid})")]
    public static partial void IdentityUndocumentedBsuid(ILogger logger, string wamid);
}
