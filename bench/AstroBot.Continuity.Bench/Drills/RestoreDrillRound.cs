using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Recovery.Drills;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>
/// One round of the restore drill against its bare limits, over the same chain: the bare insert of its items into a fresh
/// database, the bare restore (<see cref="RestoreService.RunToCompletionAsync"/>) into another, the restore drill end to end
/// through <see cref="DrillOrchestrations"/> on the in-process Durable engine; each database dropped after (the drill drops
/// its own). Even rounds run them in that order, odd rounds the other way round.
/// </summary>
/// <param name="BareRestoreDrop">The drop of the bare restore's database, timed apart from the restore.</param>
/// <param name="Drill">The drill's wall time from its start to the end of its orchestration (the drop included), and its record.</param>
internal sealed record RestoreDrillRound(
    int Round,
    IReadOnlyList<string> Order,
    BareLoopResult BareInsert,
    Measured<RestoreOutcome> BareRestore,
    TimeSpan BareRestoreDrop,
    Measured<DrillRecord> Drill)
{
    public const string BareInsertName = "bare insert";
    public const string BareRestoreName = "bare restore";
    public const string DrillName = "restore drill";

    /// <summary>The drill's measured RTO: from its start to verified data (<see cref="DrillRecord.Rto"/>).</summary>
    public TimeSpan DrillRto => Drill.Result.Rto ?? throw new InvalidOperationException($"Drill {Drill.Result.DrillId} measured no RTO: {Drill.Result.Summary}");

    public static async Task<IReadOnlyList<RestoreDrillRound>> RunAsync(
        BackupBenchEnvironment env, DrillBenchHost drills, DrilledChain chain, int rounds, TextWriter progress, CancellationToken ct)
    {
        var results = new List<RestoreDrillRound>();
        for (var round = 0; round < rounds; round++)
        {
            BareLoopResult? insert = null;
            Measured<RestoreOutcome>? restore = null;
            var restoreDrop = TimeSpan.Zero;
            Measured<DrillRecord>? drill = null;
            var steps = new (string Name, Func<Task> Run)[]
            {
                (BareInsertName, async () =>
                {
                    BackupBenchmark.Collect();
                    insert = await Bare.BareInsert.RunAsync(env.Get<CosmosClient>(), env.InsertDatabase, chain.InsertBatches, ct).ConfigureAwait(false);
                    await env.DropDatabaseAsync(env.InsertDatabase, ct).ConfigureAwait(false);
                    progress.WriteLine(F($"  {BareInsertName}: {insert.Items:N0} items in {insert.Elapsed.TotalSeconds:F2} s"));
                }),
                (BareRestoreName, async () =>
                {
                    BackupBenchmark.Collect();
                    var clock = Stopwatch.StartNew();
                    var outcome = await env.Get<RestoreService>().RunToCompletionAsync(new RestoreRequest { TargetDatabase = env.RestoreDatabase }, null, ct).ConfigureAwait(false);
                    restore = new Measured<RestoreOutcome>(clock.Elapsed, outcome);
                    clock.Restart();
                    await env.DropDatabaseAsync(env.RestoreDatabase, ct).ConfigureAwait(false);
                    restoreDrop = clock.Elapsed;
                    progress.WriteLine(F($"  {BareRestoreName}: {outcome.ItemsWritten:N0} items from {string.Join('+', outcome.BackupIds)} in {restore.Elapsed.TotalSeconds:F2} s, dropped in {restoreDrop.TotalSeconds:F2} s"));
                }),
                (DrillName, async () =>
                {
                    BackupBenchmark.Collect();
                    drill = await drills.RunRestoreDrillAsync(ct).ConfigureAwait(false);
                    var record = drill.Result;
                    if (record.State is not (DrillState.Passed or DrillState.MissedObjective))
                    {
                        throw new InvalidOperationException($"The restore drill {record.DrillId} {record.Summary}");
                    }

                    progress.WriteLine(F($"  {DrillName}: {record.DrillId} {record.Summary}; RTO {record.Rto?.TotalSeconds:F2} s, wall {drill.Elapsed.TotalSeconds:F2} s"));
                }),
            };
            var order = round % 2 == 0 ? steps : [.. steps.Reverse()];
            progress.WriteLine($"round {round + 1} of {rounds}: {string.Join(", ", order.Select(step => step.Name))}");
            foreach (var (_, run) in order)
            {
                await run().ConfigureAwait(false);
            }

            results.Add(new RestoreDrillRound(round + 1, [.. order.Select(step => step.Name)], insert!, restore!, restoreDrop, drill!));
        }

        return results;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
