namespace AstroBot.Continuity.Local;

/// <summary>
/// Every log line of the local stand-ins, source-generated with a stable event id. They keep the ids they had in the
/// core library's <c>LogMessages</c>, whose ranges they sit in: queue workers 1400-1405 (front door and inbox),
/// seed 2001-2002 (data), scheduler 3000-3006 (storage and hosting). Never log message text, names, birth data,
/// wa_ids or links.
/// </summary>
internal static partial class LogMessages;
