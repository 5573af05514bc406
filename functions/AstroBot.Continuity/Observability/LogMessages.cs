namespace AstroBot.Continuity;

/// <summary>
/// Every log line of the core library, source-generated with a stable event id taken from <see cref="ContinuityEventId"/>,
/// the one table of the ids of every assembly (core, local stand-ins, CLI). Each capability keeps its part in its own
/// partial file, within its own id range: WhatsApp 1000-1199, front door and inbox 1200-1499, data 2000-2999, storage
/// and hosting 3000-3999, crypto 4000-4999, backup and restore 5000-5999, portability 6000-6999, identity 7000-7999
/// (the local stand-ins log in the first three, the CLI in 8000-8999). Never log message text, names, birth data,
/// wa_ids or links.
/// </summary>
internal static partial class LogMessages;
