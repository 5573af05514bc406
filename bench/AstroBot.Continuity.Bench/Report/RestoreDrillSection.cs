using System.Globalization;
using AstroBot.Continuity.Bench.Drills;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The drills section's part on the restore drill: its RTO against the bare restore of the same chain, per GB, and the RPO the schedules leave.</summary>
internal static class RestoreDrillSection
{
    /// <summary>Cosmos DB's continuous-backup restore, as Microsoft documents it and the issue quotes it: 45-75 minutes per TB.</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) CosmosRestorePerTb = (TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(75));

    private const double BytesPerGb = 1e9;

    public static void Render(RestoreDrillResult r, Action<FormattableString> line)
    {
        var c = r.Chain;
        var full = c.Manifests[0];
        var incremental = c.Manifests[^1];
        var rounds = r.Rounds;
        line($"### Restore drill: RTO against the bare restore of the same chain");
        line($"");
        line($"The chain every restore below restores, as the default schedules leave one: a full backup ({full.ItemCount:N0} items, {RawOf(full):N0} raw bytes, {Sec(c.Full.Elapsed)} s), then {c.ChangedItems:N0} messages changed, then an incremental ({incremental.ItemCount:N0} items, {RawOf(incremental):N0} raw bytes): **{c.ItemCount:N0} items, {c.RawBytes:N0} raw bytes** ({Mb(c.RawBytes)} MB; raw bytes are the manifests' `RawBytes`, the items' canonical JSON before compression and encryption, system properties left out, summed over the chain's containers; the read feed returned the full's items in {c.FeedJsonBytes:N0} bytes with them). Each round restores it three ways, one after the other, the order reversed every other round so the machine's drift falls on all three alike:");
        line($"");
        line($"- **bare insert**: the chain's items (the full's cut at its chunks, then the changed messages) upserted into a fresh database, 16 in flight (`BareInsert`, the restore's own concurrency): the emulator's write floor, nothing read or checked;");
        line($"- **bare restore**: `RestoreService.RunToCompletionAsync` of the newest chain into a fresh database (check every chunk, then write them, one chunk after another, as `continuity restore` and the restore test do), timed; its database then dropped, timed apart;");
        line($"- **restore drill**: `DrillOrchestrations.StartAsync(Restore)` as `POST /api/drills/restore` and the schedule start it, on the in-process Durable Task engine, waited for to the end: plan the newest chain into a scratch database, the restore orchestration (which checks and writes up to `Backup:RestoreParallelism` = {r.RestoreParallelism} chunks at once, each with the same 16 upserts in flight), read it all back, compare a sample of live items, check against the manifests, drop the scratch database, record. Its **RTO** is what the drill itself records (`DrillRecord.Rto`: from its start to verified data, before the check against the manifests and the drop); its **wall time** runs from the call to the end of its orchestration, the drop included.");
        line($"");
        line($"| round | order | bare insert (s) | bare restore (s) | its drop (s) | drill RTO (s) | drill wall (s) | drill RTO ÷ bare restore | drill wall ÷ (bare restore + drop) | bare restore ÷ bare insert | drill |");
        line($"|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var round in rounds)
        {
            line($"| {round.Round} | {string.Join(", ", round.Order)} | {Sec(round.BareInsert.Elapsed)} | {Sec(round.BareRestore.Elapsed)} | {Sec(round.BareRestoreDrop)} | {Sec(round.DrillRto)} | {Sec(round.Drill.Elapsed)} | {DrillOverRestore(round):F2} | {WallOverRestore(round):F2} | {RestoreOverInsert(round):F2} | {State(round.Drill.Result.State)} |");
        }

        line($"");
        line($"Over the {rounds.Count} rounds: the median, the smallest and largest in brackets, and the pooled figure (sum over sum):");
        line($"");
        line($"| figure | median (min-max) | pooled |");
        line($"|---|---:|---:|");
        line($"| **drill RTO ÷ bare restore** | **{Spread.Of(rounds.Select(DrillOverRestore)).Show("F2")}** | {Pooled(rounds, x => x.DrillRto, x => x.BareRestore.Elapsed):F2} |");
        line($"| drill wall ÷ (bare restore + its drop) | {Spread.Of(rounds.Select(WallOverRestore)).Show("F2")} | {Pooled(rounds, x => x.Drill.Elapsed, x => x.BareRestore.Elapsed + x.BareRestoreDrop):F2} |");
        line($"| the drill's restore step ÷ bare restore | {Spread.Of(rounds.Select(RestoreStepOverRestore)).Show("F2")} | {Pooled(rounds, RestoreStep, x => x.BareRestore.Elapsed):F2} |");
        line($"| **bare restore ÷ bare insert** | **{Spread.Of(rounds.Select(RestoreOverInsert)).Show("F2")}** | {Pooled(rounds, x => x.BareRestore.Elapsed, x => x.BareInsert.Elapsed):F2} |");
        line($"| drill RTO (s) | {Spread.Of(rounds.Select(x => x.DrillRto)).Show("F1")} | |");
        line($"| drill wall (s) | {Spread.Of(rounds.Select(x => x.Drill.Elapsed)).Show("F1")} | |");
        line($"| bare restore (s) | {Spread.Of(rounds.Select(x => x.BareRestore.Elapsed)).Show("F1")} | |");
        line($"| bare insert (s) | {Spread.Of(rounds.Select(x => x.BareInsert.Elapsed)).Show("F1")} | |");
        line($"");

        line($"Where the drill's time went, step by step as its record times them (median over the rounds, smallest and largest in brackets); the RTO ends when the data is verified, before the check against the manifests:");
        line($"");
        line($"| step | seconds | in the RTO |");
        line($"|---|---:|:---:|");
        foreach (var (name, spread, inRto) in Steps(rounds))
        {
            line($"| {name} | {spread.Show("F2")} | {(inRto ? "yes" : "no")} |");
        }

        line($"| the rest of the RTO: starting the orchestration, Durable scheduling between the steps | {Spread.Of(rounds.Select(RtoOutsideSteps)).Show("F2")} | yes |");
        line($"");

        var drillPerGb = PerGb(Spread.Of(rounds.Select(x => x.DrillRto)).Median, c.RawBytes);
        var restorePerGb = PerGb(Spread.Of(rounds.Select(x => x.BareRestore.Elapsed)).Median, c.RawBytes);
        var insertPerGb = PerGb(Spread.Of(rounds.Select(x => x.BareInsert.Elapsed)).Median, c.RawBytes);
        line($"**RTO per GB**, per GB of the chain's raw bytes (10⁹ bytes of canonical JSON, as above), and what that rate would make of a TB if it held (linear; nothing here was measured at that size), set against Cosmos DB's own continuous-backup restore, **45-75 minutes per TB as Microsoft documents it** (their figure, as the issue quotes it, not measured here):");
        line($"");
        line($"| | per GB (min) | 1 TB at that rate (h) | ÷ Cosmos DB's 45-75 min per TB |");
        line($"|---|---:|---:|---:|");
        foreach (var (name, perGb) in new[] { ("**restore drill RTO** (median)", drillPerGb), ("bare restore (median)", restorePerGb), ("bare insert, the emulator's write floor (median)", insertPerGb) })
        {
            line($"| {name} | {perGb.TotalMinutes:N1} | {perGb.TotalHours * 1000:N0} | {VsCosmos(perGb)} |");
        }

        line($"");
        line($"The emulator is not Azure: `@vercel/cosmosdb-server` is one Node.js process on the same cores as everything else here, with no bulk API; its bare insert alone, which reads and checks nothing, is already {VsCosmos(insertPerGb)} Cosmos DB's figure. So the TB column says how far this machine is from Azure, not how long the product would take there; the ratios against the bare restore and the bare insert above are what this run measures. In Azure the restore is bounded by the target database's throughput: the project's own estimate from request-unit arithmetic (docs/operations/backup-and-restore.md, \"How long it takes on a real account\", not a measurement) is about 23 minutes per GB at 4,000 RU/s, which would be about {TimeSpan.FromMinutes(23 * 1000).TotalHours:N0} hours per TB: the product's restore of a TB is far slower than Cosmos DB's own point-in-time restore unless the target is given far more throughput, which a drill on production-sized data would have to plan for.");
        line($"");
        RenderRpo(r, line);
    }

    public static IEnumerable<string> Verdict(RestoreDrillResult r)
    {
        var rounds = r.Rounds;
        var drillOverRestore = Spread.Of(rounds.Select(DrillOverRestore));
        var restoreOverInsert = Spread.Of(rounds.Select(RestoreOverInsert));
        var rto = Spread.Of(rounds.Select(x => x.DrillRto));
        var rpo = Rpo(r);
        var added = Spread.Of(rounds.Select(x => x.DrillRto - x.BareRestore.Elapsed));
        yield return F($"**Restore drill RTO against the bare restore of the same chain: {drillOverRestore.Median:F2}×** (median of {rounds.Count} rounds, {drillOverRestore.Min:F2}-{drillOverRestore.Max:F2}; pooled {Pooled(rounds, x => x.DrillRto, x => x.BareRestore.Elapsed):F2}). No target is set for it. Its RTO less the bare restore's in the same round: {added.Show("F1")} s (median, smallest-largest).") + " " + (drillOverRestore.Median < 1
            ? F($"The drill was the faster of the two because its restore is the Durable restore orchestration, which checks and writes up to {r.RestoreParallelism} chunks at once, where `RunToCompletionAsync` (the bare restore here, and `continuity restore`) takes one chunk after another: its restore step alone took {Spread.Of(rounds.Select(RestoreStepOverRestore)).Median:F2}× the bare restore, which leaves room for the drill's proof (the read-back of every restored item, the sample compared with the live data), its plan and the engine's scheduling, split up in the step table above. The bare restore is the same work as the drill's restore, not the same schedule of it.")
            : F($"What a drill adds to a restore is its proof (the read-back of every restored item, the sample compared with the live data), its plan and the Durable engine's scheduling between the steps, split up in the step table above; its restore step alone took {Spread.Of(rounds.Select(RestoreStepOverRestore)).Median:F2}× the bare restore (the orchestration checks and writes up to {r.RestoreParallelism} chunks at once, `RunToCompletionAsync` one after another)."));
        yield return F($"**Bare restore against the bare insert of the same items: {restoreOverInsert.Median:F2}×** (median, {restoreOverInsert.Min:F2}-{restoreOverInsert.Max:F2}): the restore's own cost over the emulator's write floor (it downloads and opens every chunk twice, once to check the whole chain before writing, and reads the key and erasure tables per chunk).");
        yield return F($"**RTO per GB: {PerGb(rto.Median, r.Chain.RawBytes).TotalMinutes:N0} minutes per GB of raw JSON on the emulators**, which would be {VsCosmos(PerGb(rto.Median, r.Chain.RawBytes))} Cosmos DB's 45-75 minutes per TB (Microsoft's figure, not measured here); the emulator's bare insert alone is {VsCosmos(PerGb(Spread.Of(rounds.Select(x => x.BareInsert.Elapsed)).Median, r.Chain.RawBytes))} it, so the emulator, not the drill, sets that figure. Against the objective (`Recovery:Objectives:DataCorruption:Rto`, {r.Objective.Rto:c}) the drill's RTO of {rto.Median:F0} s at this scale is far inside; at the issue's scale it is the target database's throughput in Azure that decides it (see the estimate above).");
        yield return rpo.WorstCase <= r.Objective.Rpo
            ? F($"**RPO with the default schedules: at most {Min(rpo.WorstCase)}** (incrementals every {Min(rpo.Interval)}, plus the {rpo.Incremental.TotalSeconds:F1} s an incremental took here), within the objective of {r.Objective.Rpo:c}.")
            : F($"**RPO with the default schedules: at most {Min(rpo.WorstCase)}** (incrementals every {Min(rpo.Interval)}, plus the {rpo.Incremental.TotalSeconds:F1} s an incremental took here): over the objective of {r.Objective.Rpo:c} (`Recovery:Objectives:DataCorruption:Rpo`) by the incremental's duration. docs/dr/README.md calls the RPO \"the incremental interval\"; the worst case is the interval plus an incremental's duration, so either the objective allows for it or the schedule runs a little more often than the objective.");
        yield return F($"Measured at {r.Seed.Users:N0} users ({r.Chain.ItemCount:N0} items, {Mb(r.Chain.RawBytes)} MB of raw JSON), not at the issue's scale: every restore here is bounded by the emulator's writes, about {r.Chain.ItemCount / Spread.Of(rounds.Select(x => x.BareInsert.Elapsed)).Median:N0} items/s in the bare insert.");
    }

    public static IEnumerable<string> Rows()
    {
        yield return "*bare insert*, *bare restore*, *drill RTO*, *drill wall*: see the list above the round table. The bare insert and the bare restore use the backup benchmark's environment and clients (`BackupBenchEnvironment`, the hosts' registrations for storage, data, crypto and backups); the drill runs in a host of its own built like `continuity serve`'s Durable part (`AddContinuityBackend`, `AddInMemoryDurableTask` with `AddBackupTasks().AddDrillTasks()`) on the same settings, so all three read the same archive with the same key.";
        yield return "*drill RTO ÷ bare restore*: the drill's own RTO over the bare restore's wall time in the same round; *pooled*: the sum of the drills' RTOs over the sum of the bare restores'.";
        yield return "*per GB*: the median wall time over the chain's raw bytes in GB (10⁹ bytes); *1 TB at that rate*: that times 1,000, a straight line from a few MB, which no part of this run measured.";
        yield return "*the rest of the RTO*: the drill's RTO less the steps its record times that end before the data is verified: what the orchestration spends between them (its start, the engine's scheduling, the activities' records).";
        yield return "*drill* (state): what the drill recorded against its scenario's objectives; *missed objective* here can only be the RPO, whose clock in this run counts from the run's own incremental (see the RPO part).";
    }

    private static void RenderRpo(RestoreDrillResult r, Action<FormattableString> line)
    {
        var rpo = Rpo(r);
        var incremental = r.Chain.Incremental;
        line($"#### RPO with the default schedules");
        line($"");
        line($"Incremental backups run on `{r.IncrementalSchedule.SettingName}`, by default `{r.IncrementalSchedule.DefaultExpression}` (UTC): every {Min(rpo.Interval)}. A change made right after an incremental has read its container's change-feed position is only in the next incremental, which starts one interval later and can be restored once it has committed; so the newest data a restore can lose is at most **the interval plus an incremental's duration**. This run measured that duration after a small change ({r.Chain.ChangedItems:N0} messages edited after the full backup, the bot's work of a few minutes): the incremental (`BackupRunner`, the steps of the Durable backup) captured {incremental.Result.ItemCount:N0} items in **{incremental.Elapsed.TotalSeconds:F2} s** ({incremental.Result.Duration?.TotalSeconds:F2} s from its start to its commit in the catalog).");
        line($"");
        line($"**Worst-case RPO = {Min(rpo.Interval)} + {rpo.Incremental.TotalSeconds:F2} s = {Min(rpo.WorstCase)}**, against the objective `Recovery:Objectives:DataCorruption:Rpo` = {r.Objective.Rpo:c}. An incremental's duration grows with what changed since the last one and with the containers' size (the emulator reads the change feed by scanning the container), so on a busy or a larger database it is longer than here.");
        line($"");
        line($"The RPO each drill recorded (its start less the newest backup's completion, `RestoreStart.ConsistentAt`): {string.Join(", ", r.Rounds.Select(x => x.Drill.Result.Rpo is { } measured ? F($"{measured.TotalSeconds:F0} s") : "none"))} in rounds {string.Join(", ", r.Rounds.Select(x => x.Round))}. No schedule runs in this benchmark, so that is only how long before each drill the run's own incremental committed, which is why it grows from round to round; it is not the schedules' RPO. It also counts from the incremental's completion, where a change made during the incremental after it had passed that container is not in it: a drill's recorded RPO can be short of the truth by up to an incremental's duration.");
        line($"");
    }

    private static IncrementalRpo Rpo(RestoreDrillResult r) => IncrementalRpo.Of(r.IncrementalSchedule, r.Chain.Incremental.Elapsed);

    private static IEnumerable<(string Name, Spread Spread, bool InRto)> Steps(IReadOnlyList<RestoreDrillRound> rounds) =>
        rounds[0].Drill.Result.Steps.Select(first => first.Name).Select(name =>
        {
            var steps = rounds.Select(round => (Round: round, Step: round.Drill.Result.Steps.Single(step => step.Name == name))).ToList();
            return (name, Spread.Of(steps.Select(x => x.Step.Duration)), steps.All(x => InRto(x.Round, x.Step)));
        });

    private static bool InRto(RestoreDrillRound round, DrillStep step) => step.CompletedAt <= round.Drill.Result.StartedAt + round.DrillRto;

    private static TimeSpan RtoOutsideSteps(RestoreDrillRound round) =>
        round.DrillRto - round.Drill.Result.Steps.Where(step => InRto(round, step)).Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Duration);

    private static double DrillOverRestore(RestoreDrillRound round) => round.DrillRto / round.BareRestore.Elapsed;

    private static double WallOverRestore(RestoreDrillRound round) => round.Drill.Elapsed / (round.BareRestore.Elapsed + round.BareRestoreDrop);

    /// <summary>The drill's own restore: the step its record times around the restore orchestration (the one whose name says so).</summary>
    private static TimeSpan RestoreStep(RestoreDrillRound round) =>
        round.Drill.Result.Steps.Single(step => step.Name.StartsWith("restore", StringComparison.Ordinal)).Duration;

    private static double RestoreStepOverRestore(RestoreDrillRound round) => RestoreStep(round) / round.BareRestore.Elapsed;

    private static double RestoreOverInsert(RestoreDrillRound round) => round.BareRestore.Elapsed / round.BareInsert.Elapsed;

    private static double Pooled(IEnumerable<RestoreDrillRound> rounds, Func<RestoreDrillRound, TimeSpan> product, Func<RestoreDrillRound, TimeSpan> bare)
    {
        var list = rounds.ToList();
        return list.Aggregate(TimeSpan.Zero, (sum, round) => sum + product(round)) / list.Aggregate(TimeSpan.Zero, (sum, round) => sum + bare(round));
    }

    private static TimeSpan PerGb(double seconds, long bytes) => TimeSpan.FromSeconds(seconds / (bytes / BytesPerGb));

    /// <summary>How many times Cosmos DB's per-TB figure a per-GB rate would be at a TB: "830-1,390×".</summary>
    private static string VsCosmos(TimeSpan perGb) => F($"{Times(perGb * 1000 / CosmosRestorePerTb.Max)}-{Times(perGb * 1000 / CosmosRestorePerTb.Min)}×");

    private static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "N0" : "F2", CultureInfo.InvariantCulture);

    private static long RawOf(AstroBot.Continuity.Backup.Format.BackupManifest manifest) => manifest.Containers.Sum(container => container.RawBytes);

    private static string State(DrillState state) => state switch
    {
        DrillState.Passed => "passed",
        DrillState.MissedObjective => "missed objective",
        _ => state.ToString(),
    };

    private static string Min(TimeSpan time) => time.TotalSeconds % 60 == 0
        ? F($"{time.TotalMinutes:N0} min")
        : F($"{(int)time.TotalMinutes} min {time.TotalSeconds % 60:F1} s");

    private static string Sec(TimeSpan elapsed) => elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
