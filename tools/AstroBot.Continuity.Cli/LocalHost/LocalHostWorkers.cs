namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>
/// The background work the local host runs beside its HTTP routes (what the Functions app's queue and timer triggers
/// do in Azure). <c>continuity serve</c> runs <see cref="All"/>; a host built to measure one thing (a benchmark)
/// leaves out what it does not measure, so that work cannot fire in the middle of a measurement.
/// </summary>
[Flags]
internal enum LocalHostWorkers
{
    /// <summary>Only the routes, and the start-up work that creates the queues, tables and database they use.</summary>
    None = 0,

    /// <summary>The inbox pump (the inbox queue trigger's stand-in) and the bot stand-in.</summary>
    Inbox = 1,

    /// <summary>
    /// The export request pump (the export request queue trigger's stand-in) and the in-memory Durable Task engine it
    /// starts exports on, which also runs restores and backups.
    /// </summary>
    Exports = 2,

    /// <summary>
    /// The local scheduler: every scheduled job on its schedule, and a missed run caught up at start; the backups start
    /// their orchestration on the in-memory Durable Task engine, which this runs too.
    /// </summary>
    Schedules = 4,

    /// <summary>Everything: what <c>continuity serve</c> runs.</summary>
    All = Inbox | Exports | Schedules,
}
