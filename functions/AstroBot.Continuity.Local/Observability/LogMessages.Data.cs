using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local;

// The seed: 2001-2002, the ids it had in the core (its data range, 2000-2999). Ids in ContinuityEventId. Counts and names only.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.SeedStarted, Level = LogLevel.Information,
        Message = "Seeding {Users} users with {ReadingsPerUser} readings each into database {DatabaseName} (bulk execution {BulkExecution}, concurrency {MaxConcurrency})")]
    internal static partial void SeedStarted(ILogger logger, int users, int readingsPerUser, string databaseName, bool bulkExecution, int maxConcurrency);

    [LoggerMessage(EventId = ContinuityEventId.SeedCompleted, Level = LogLevel.Information,
        Message = "Seeded {Items} items in {Elapsed} ({ItemsPerSecond:F0} items/s, {RequestCharge:F0} RU)")]
    internal static partial void SeedCompleted(ILogger logger, long items, TimeSpan elapsed, double itemsPerSecond, double requestCharge);
}
