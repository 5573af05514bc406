using System.Diagnostics;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>One run of the drills benchmark.</summary>
/// <param name="Restore">The restore drill's part.</param>
internal sealed record DrillsRun(
    DateTimeOffset StartedAt, TimeSpan Duration, DrillsBenchSettings Settings, MachineInfo Machine, string CosmosServer, RestoreDrillResult Restore);

/// <summary>The restore drill's part of a run: the data, the chain every restore restores, the rounds, the objective in force.</summary>
/// <param name="RestoreParallelism">Chunks the Durable restore orchestration checks or writes at once (<c>Backup:RestoreParallelism</c>); <c>RunToCompletionAsync</c> takes one at a time.</param>
/// <param name="SampleSize">Live items per container the drill compares with the restored ones (<c>Recovery:SampleSize</c>).</param>
/// <param name="IncrementalSchedule">The incremental backups' schedule as the hosts run it by default.</param>
internal sealed record RestoreDrillResult(
    SeedResult Seed,
    TimeSpan UserKeysElapsed,
    DrilledChain Chain,
    IReadOnlyList<RestoreDrillRound> Rounds,
    RecoveryObjective Objective,
    int RestoreParallelism,
    int SampleSize,
    ScheduleSetting IncrementalSchedule);

/// <summary>
/// Issue 13 (disaster recovery drills), performance, in one run on the emulators. The restore drill: the bot's data seeded,
/// a full backup, a small change and an incremental (timed: the RPO figure), then rounds of the bare insert, the bare
/// restore and the restore drill end to end over the same chain (<see cref="RestoreDrillRound"/>). The failover drill has
/// no part here yet: when it is measured, it is a second part of <see cref="DrillsRun"/> beside the restore drill's.
/// </summary>
internal sealed class DrillsBenchmark(DrillsBenchSettings settings, MachineInfo machine, string cosmosServer, TextWriter progress)
{
    public async Task<DrillsRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var runId = BenchNames.Create().RunId;
        await using var env = BackupBenchEnvironment.Create(runId, pageSize: null);
        progress.WriteLine($"drills run {runId}: database {env.SourceDatabase}, archive container {env.ArchiveContainer}, {settings.Users:N0} users");
        DrillBenchHost? drills = null;
        try
        {
            var (seed, userKeys) = await BenchSeed.WriteAsync(env, new SeedRequest(settings.Users, settings.ReadingsPerUser, settings.Seed, startedAt), progress, ct).ConfigureAwait(false);
            var chain = await DrilledChain.MakeAsync(env, settings.ChangedItems, progress, ct).ConfigureAwait(false);
            drills = await DrillBenchHost.StartAsync(env, ct).ConfigureAwait(false);
            var rounds = await RestoreDrillRound.RunAsync(env, drills, chain, settings.Rounds, progress, ct).ConfigureAwait(false);
            var restore = new RestoreDrillResult(seed, userKeys, chain, rounds, drills.Recovery.ObjectiveOf(DrillKinds.ScenarioOf(DrillKind.Restore)), env.Backup.RestoreParallelism, drills.Recovery.SampleSize, Schedules.BackupIncremental);

            // The failover drill: measured here, after the restore drill, once it exists (issue 13, "local failover drill").
            return new DrillsRun(startedAt, clock.Elapsed, settings, machine, cosmosServer, restore);
        }
        finally
        {
            progress.WriteLine("removing the run's databases, containers and tables");
            if (drills is not null)
            {
                await drills.DeleteResourcesAsync(progress).ConfigureAwait(false);
                await drills.DisposeAsync().ConfigureAwait(false);
            }

            await env.DeleteResourcesAsync(progress).ConfigureAwait(false);
        }
    }
}
