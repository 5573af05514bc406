using System.Net;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Data (Cosmos DB access): 2000-2999 (2001-2002 are the seed's, in AstroBot.Continuity.Local). Ids in ContinuityEventId.
// Counts, names of containers and exception types only; never documents, wa_ids or anything a user wrote.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.CosmosNotReady, Level = LogLevel.Warning, Message = "Cosmos DB is not ready: {ExceptionType} (HTTP {HttpStatus})")]
    internal static partial void CosmosNotReady(ILogger logger, string exceptionType, HttpStatusCode? httpStatus);
}
