namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>How many users <c>export --all</c> and <c>import --all</c> work on at once.</summary>
internal static class TenantParallelism
{
    /// <summary>
    /// Users (archives) in flight at once. One user's export is a chain of round trips one after the other (a query
    /// per container, the audit trail, the file), so several users overlap their waiting. Measured on the local
    /// emulators (2 cores, 200 seeded users, 2026-11-27): export --all went from 10.5 users/s one at a time to 17-18
    /// at 8, and 16 was no better; import --all, whose importer already writes several records of a user at once, was
    /// within noise from 1 to 16 there (the emulator's CPU is the limit). 8 leaves room for a real account's longer
    /// round trips while holding at most 8 users' data in memory; the SDK retries throttled (429) requests itself.
    /// </summary>
    public const int UsersInFlight = 8;
}
