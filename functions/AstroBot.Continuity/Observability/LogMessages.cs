namespace AstroBot.Continuity;

/// <summary>
/// Every log line of the core library, source-generated with a stable event id. Each capability keeps its part
/// in its own partial file, within its own id range: WhatsApp 1000-1199, front door and inbox 1200-1499,
/// data 2000-2999, storage and hosting 3000-3999, identity 7000-7099. Never log message text, names, birth data, wa_ids or links.
/// </summary>
internal static partial class LogMessages;
