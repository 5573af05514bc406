namespace AstroBot.Continuity.Local;

/// <summary>
/// Every log line of the local stand-ins, source-generated with a stable event id taken from the core's
/// <see cref="ContinuityEventId"/>, the one table of the ids of every assembly. They keep the ids they had in the core
/// library's <c>LogMessages</c>, within its ranges: queue workers and bot stand-in 1400-1499 (front door and inbox),
/// seed 2001-2002 (data), scheduler 3000-3099 (storage and hosting); the local front door (Azure Front Door's twin)
/// has 1500-1599 of its own. Never log message text, names, birth data, wa_ids or links.
/// </summary>
internal static partial class LogMessages;
