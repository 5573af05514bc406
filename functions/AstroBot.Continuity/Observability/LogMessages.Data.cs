using System.Net;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Data (Cosmos DB access and seed): EventIds 2000-2999. Counts, names of containers and exception types only;
// never documents, wa_ids or anything a user wrote.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Cosmos DB is not ready: {ExceptionType} (HTTP {HttpStatus})")]
    internal static partial void CosmosNotReady(ILogger logger, string exceptionType, HttpStatusCode? httpStatus);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Seeding {Users} users with {ReadingsPerUser} readings each into database {DatabaseName} (bulk execution {BulkExecution}, concurrency {MaxConcurrency})")]
    internal static partial void SeedStarted(ILogger logger, int users, int readingsPerUser, string databaseName, bool bulkExecution, int maxConcurrency);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Seeded {Items} items in {Elapsed} ({ItemsPerSecond:F0} items/s, {RequestCharge:F0} RU)")]
    internal static partial void SeedCompleted(ILogger logger, long items, TimeSpan elapsed, double itemsPerSecond, double requestCharge);
}
