using System.Net;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Data (Cosmos DB access): EventIds 2000-2999 (2001-2002, the seed's, moved with it to AstroBot.Continuity.Local).
// Counts, names of containers and exception types only; never documents, wa_ids or anything a user wrote.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Cosmos DB is not ready: {ExceptionType} (HTTP {HttpStatus})")]
    internal static partial void CosmosNotReady(ILogger logger, string exceptionType, HttpStatusCode? httpStatus);
}
