using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Crypto (keyring and per-user keys): 4000-4999 (ids in ContinuityEventId). Key ids (fingerprints) and counts only; never key material,
// user references, wa_ids or phone numbers.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.KeyRingLoaded, Level = LogLevel.Information,
        Message = "Keyring loaded from {Source}: current key-encryption key {CurrentKekId}, {RetiredCount} retired")]
    internal static partial void KeyRingLoaded(ILogger logger, string source, string currentKekId, int retiredCount);
}
