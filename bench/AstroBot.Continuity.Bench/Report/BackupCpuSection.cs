using System.Globalization;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Cpu;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>
/// The CPU accounting of the backup benchmark, for its section of docs/benchmarks.md: where the CPU-seconds of each
/// measurement went (this process, the Cosmos DB emulator, Azurite, the rest of the machine), the backup's own CPU by
/// stage, and the CPU of the webhook rounds. Every sentence is worked out from the run's figures.
/// </summary>
internal static class BackupCpuSection
{
    /// <summary>A round's average use of the cores at or above this share of them counts as saturated.</summary>
    private const double SaturatedShare = 0.9;

    /// <summary>The subsection after the table of measurements.</summary>
    public static IEnumerable<string> Accounting(BackupBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = run.Cpu;
        var items = run.Backup.Result.ItemCount;
        var read = c.BareReadMean;
        var backup = c.Backup;

        yield return "### Where the CPU went";
        yield return string.Empty;
        yield return F($"CPU-seconds used during each measurement above (the same runs, read from `/proc` just outside each clock, nothing run again): this benchmark's own process (`Process.TotalProcessorTime`: the product code under test, its Cosmos DB and Storage clients and the garbage collector; in brackets the part of it the runtime's tiered-compilation thread spent recompiling methods in the background, a warm-up cost that is not the work measured), the Cosmos DB emulator ({Found(c.Cosmos)}), Azurite ({Found(c.Azurite)}), the time each one's threads spent runnable but waiting for a core (`/proc/<pid>/task/<tid>/schedstat`, summed over the threads, so it can exceed the wall time), and the rest of the machine from `/proc/stat`: every other process (other people's builds and tests on this shared machine, other emulators), the kernel and the time the hypervisor took (steal). The machine gives {c.Cores} CPU-seconds per second of wall time; \"cores busy\" is what all of it used, out of {c.Cores}. CPU-seconds depend less than wall times on what else the machine does (a process waiting for a core uses none meanwhile), though not entirely: cores share caches, and the emulators also answer anyone else's requests during a measurement; the quiet row (this bench doing nothing for {BackupBenchmark.QuietWindow.TotalSeconds:N0} s) shows how much.");
        if (c.Cosmos is null || c.Azurite is null)
        {
            yield return string.Empty;
            yield return F($"> {(c.Cosmos is null && c.Azurite is null ? "Neither emulator was" : c.Cosmos is null ? "The Cosmos DB emulator was not" : "Azurite was not")} found (no eng/emulators pid file naming a live process, and no process seen holding port {(c.Cosmos is null ? CpuMeter.CosmosPort : CpuMeter.AzuritePort)}): its column is empty and its CPU is counted in the rest of the machine{(c.HasMachine ? string.Empty : "; `/proc/stat` could not be read either, so only this process is measured")}.");
        }

        yield return string.Empty;
        yield return F($"| measurement | wall (s) | this process (CPU-s; of it, background JIT) | Cosmos DB emulator (CPU-s) | Azurite (CPU-s) | rest of the machine (CPU-s) | cores busy (of {c.Cores}) | this process's GC pauses (ms; collections, of gen 2) | waited for a core (s): this process / Cosmos DB emulator / Azurite |");
        yield return "|---|---:|---:|---:|---:|---:|---:|---:|---:|";
        yield return Row(F($"nothing from this bench ({BackupBenchmark.QuietWindow.TotalSeconds:N0} s, before the bare read)"), c.Quiet);
        yield return Row("bare read", c.BareRead);
        yield return Row("**full backup**", c.Backup);
        yield return Row("bare upload", c.BareUpload);
        yield return Row("bare read again", c.BareReadAfter);
        yield return Row("change-feed positions alone", c.Positions);
        yield return Row("**deep verify**", c.Verify);
        yield return Row("bare download", c.BareDownload);
        yield return Row("bare insert", c.BareInsert);
        yield return Row("**restore**", c.Restore);
        yield return Row("bare insert again", c.BareInsertAfter);
        yield return string.Empty;

        // The split of the backup and of the bare read between the three.
        yield return "- " + F($"**Of the {Cs(backup.Ours)} CPU-seconds the full backup took on this machine** (this process and the two emulators; the rest of the machine used {Cs(backup.Rest)} more meanwhile), {Share(backup.Cosmos, backup.Ours)} were the Cosmos DB emulator answering the read feed and the change-feed positions, {Share(backup.Azurite, backup.Ours)} Azurite (the chunks, the checkpoints, the catalog, lease and key tables) and {Share(backup.Bench, backup.Ours)} the backup's own work in this process (its clients, parsing, sealing, the run's bookkeeping). Of the bare read's {Cs(read.Ours)} (the mean of the two), {Share(read.Cosmos, read.Ours)} were the emulator, {Share(read.Azurite, read.Ours)} Azurite and {Share(read.Bench, read.Ours)} the reading client. The backup's own process used **{PerThousand(backup.Bench, items)} CPU-ms per 1,000 items**, the bare read's client {PerThousand(read.Bench, items)}.");

        // What the emulators do without this bench: other people's requests, which the figures above include.
        var q = c.Quiet;
        if (q.Cosmos is { } quietCosmos && q.Azurite is { } quietAzurite && backup.Cosmos is { } backupCosmos && backup.Azurite is { } backupAzurite && read.Cosmos is { } readCosmosAll)
        {
            var (cosmosRate, azuriteRate) = (q.PerSecond(quietCosmos), q.PerSecond(quietAzurite));
            var (cosmosBackground, azuriteBackground) = (cosmosRate * backup.Wall.TotalSeconds, azuriteRate * backup.Wall.TotalSeconds);
            var caveat = new List<string>();
            if (cosmosBackground >= 0.5 * backupCosmos)
            {
                caveat.Add("the Cosmos DB emulator's");
            }

            if (azuriteBackground >= 0.5 * backupAzurite)
            {
                caveat.Add("Azurite's");
            }

            yield return "- " + F($"While this bench did nothing (the quiet row) the Cosmos DB emulator still used {cosmosRate:F2} cores and Azurite {azuriteRate:F2}: other people's tests use the same emulators. At those rates {cosmosBackground:F2} of the emulator's {Cs(backupCosmos)} CPU-s during the backup, {cosmosRate * read.Wall.TotalSeconds:F2} of its {Cs(readCosmosAll)} during the bare read, and {azuriteBackground:F2} of Azurite's {Cs(backupAzurite)} during the backup may not have been this bench's work, so the emulators' figures are upper bounds of what this bench cost them{(caveat.Count > 0 ? F($"; {string.Join(" and ", caveat)} figures for the backup are mostly that background and say little on their own") : string.Empty)}.");
        }

        // What the extra time of the backup over the bare read was spent on.
        var extraWall = (backup.Wall - read.Wall).TotalSeconds;
        var extraBench = backup.Bench - read.Bench;
        double? extraCosmos = backup.Cosmos - read.Cosmos;
        double? extraAzurite = backup.Azurite - read.Azurite;
        var extraOurs = backup.Ours - read.Ours;
        var parts = new List<(string Name, double Value)> { ("the backup's own process", extraBench) };
        if (extraCosmos is { } ec)
        {
            parts.Add(("the Cosmos DB emulator", ec));
        }

        if (extraAzurite is { } ea)
        {
            parts.Add(("Azurite", ea));
        }

        var largest = parts.MaxBy(part => part.Value);
        yield return "- " + F($"**Against the bare read the backup took {extraWall:F2} s longer and cost {extraOurs:F2} CPU-s more**: {Signed(extraCosmos)} in the Cosmos DB emulator (the change-feed positions alone cost it {Cs(c.Positions.Cosmos)} and this process {Cs(c.Positions.Bench)}), {Signed(extraAzurite)} in Azurite, {Signed(extraBench)} in this process. {(extraOurs > 0 && largest.Value > 0 ? F($"The largest part of that extra ({largest.Value / extraOurs:P0}) was in {largest.Name}.") : "The backup cost no more CPU than the bare read here: its extra time is waiting, not work.")} {CoresLine(backup, read, c.Quiet)}");

        if (backup.Cosmos is { } cosmos && read.Cosmos is { } readCosmos)
        {
            var backupShare = cosmos / backup.Wall.TotalSeconds;
            var readShare = readCosmos / read.Wall.TotalSeconds;
            yield return "- " + F($"The Cosmos DB emulator runs its JavaScript on one thread, so its CPU-seconds cannot overlap one another: it was busy for {backupShare:P0} of the backup's wall time and {readShare:P0} of the bare read's. {(Math.Max(backupShare, readShare) >= 0.7 ? "Reading one page at a time, the backup and the bare read spend most of their time waiting for that one thread: on this machine the emulator, not the reader, sets the pace of a full read, and every request the backup adds to it (the change-feed positions) lengthens the backup by about the emulator's CPU time for it." : "Neither kept that thread busy most of the time: the reader's own turn-arounds (its client, and in the backup its parsing, sealing and uploading between pages) are part of the wall time too.")}");
        }

        if (backup.Waits.Cosmos is { } cosmosWait && read.Waits.Cosmos is { } readCosmosWait && backup.Waits.Bench is { } benchWait)
        {
            var extraWait = cosmosWait - readCosmosWait;
            yield return "- " + F($"The Cosmos DB emulator's threads waited {cosmosWait:F2} s for a core during the backup and {readCosmosWait:F2} s during the bare read; this process's threads {benchWait:F2} s and {Cs(read.Waits.Bench)} s. {(extraWait >= 0.1 * extraWall && extraWall > 0 ? F($"The emulator's extra {extraWait:F2} s is {extraWait / extraWall:P0} of the backup's extra wall time: while the backup's own work (and anything else) held the cores, the emulator, which sets the pace of the read, waited for one.") : F($"The emulator's extra wait ({extraWait:F2} s) is small next to the backup's extra wall time ({extraWall:F2} s): the two processes did not hold each other up much on the cores; the extra time is work done one step after another.") )}");
        }

        if (backup.Jit > 0.1 * backup.Bench || read.Jit > 0.1 * read.Bench)
        {
            yield return "- " + F($"This process's background JIT used {Cs(backup.Jit)} of its {Cs(backup.Bench)} CPU-s during the backup and {Cs(read.Jit)} of {Cs(read.Bench)} during the bare read: still warming up, so its figures include that cost.");
        }

        // The backup's own CPU by stage.
        var stages = Stages(run);
        var rest = backup.Bench - stages.Sum(stage => stage.CpuSeconds);
        yield return string.Empty;
        yield return F($"The backup's own CPU (this process, {Cs(backup.Bench)} CPU-s) by stage, each stage measured alone in this run:");
        yield return string.Empty;
        yield return "| stage of the backup's own work | CPU-s | share of the backup's own CPU | CPU-ms per 1,000 items | measured as |";
        yield return "|---|---:|---:|---:|---|";
        foreach (var stage in stages)
        {
            yield return F($"| {stage.Name} | {Cs(stage.CpuSeconds)} | {Share(stage.CpuSeconds, backup.Bench)} | {PerThousand(stage.CpuSeconds, items)} | {stage.How} |");
        }

        yield return F($"| the rest: the lease taken at each step, the abandoned-run clean-up, checkpoints, the catalog and key tables, the garbage collection of all of it | {Cs(rest)} | {Share(rest, backup.Bench)} | {PerThousand(rest, items)} | the backup's own CPU minus the rows above |");
        yield return F($"| **the full backup, this process** | **{Cs(backup.Bench)}** | 100 % | {PerThousand(backup.Bench, items)} | this process during the full backup |");
        yield return string.Empty;
        var top = stages.Append((Name: "the rest", CpuSeconds: rest, How: string.Empty)).MaxBy(stage => stage.CpuSeconds);
        yield return "- " + F($"The largest stage of the backup's own CPU is {top.Name} ({Share(top.CpuSeconds, backup.Bench)}). Parsing and sealing, the work that would run on the Functions host in Azure whatever the database answers, are {Share(stages[2].CpuSeconds + stages[3].CpuSeconds, backup.Bench)} of it ({PerThousand(stages[2].CpuSeconds + stages[3].CpuSeconds, items)} CPU-ms per 1,000 items).{(rest < 0 ? " The stages timed alone add up to more than the backup's own CPU: the noise between measurements is larger than the bookkeeping." : string.Empty)}");
    }

    /// <summary>The CPU table and findings of the webhook rounds, for the webhook subsection.</summary>
    public static IEnumerable<string> Webhook(BackupBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var w = run.Webhook;
        var cores = run.Cpu.Cores;
        yield return F($"CPU over the same rounds, in cores (CPU-seconds per second of the round's wall time, so rounds of different lengths compare; a \"during\" round's figures run from the backup's start to the round's end), this process's garbage collections, and how long work queued to this process's thread pool waited for a thread (a probe queued one tiny item every 5 ms from a thread of its own; the front door, the load generator and the backup share that pool), and how long the threads of each process waited for a core:");
        yield return string.Empty;
        yield return F($"| round | wall (s) | this process (cores; of it, background JIT) | Cosmos DB emulator (cores) | Azurite (cores) | rest of the machine (cores) | cores busy (of {cores}) | GC pauses (ms per s; collections, of gen 2) | thread-pool wait p99 / max (ms; most threads, most queued) | waited for a core (ms per s): this process / Cosmos DB emulator / Azurite | webhook p99 (ms) |");
        yield return "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        var index = 0;
        foreach (var pair in w.Pairs)
        {
            index++;
            yield return RoundRow(F($"{index}: during a full backup"), pair.DuringCpu, pair.DuringPool, pair.During.Round.Latency.P99Ms);
            yield return RoundRow(F($"{index}: idle"), pair.IdleCpu, pair.IdlePool, pair.Idle.Round.Latency.P99Ms);
        }

        yield return RoundRow("**pooled: during a backup**", w.DuringCpu, w.DuringPool, w.During.P99Ms);
        yield return RoundRow("**pooled: idle**", w.IdleCpu, w.IdlePool, w.Idle.P99Ms);
        yield return string.Empty;
        foreach (var sentence in WebhookFindings(run))
        {
            yield return "- " + sentence;
        }
    }

    /// <summary>What the webhook rounds' figures say, in one sentence for the verdict.</summary>
    public static string WebhookVerdict(BackupBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var w = run.Webhook;
        var (d, i) = (w.DuringCpu, w.IdleCpu);
        var added = Added(d, i);
        var grew = w.During.P99Ms - w.Idle.P99Ms;
        var cpu = d.Busy is { } busyDuring && i.Busy is { } busyIdle
            ? F($"the {run.Cpu.Cores} cores were {busyDuring:P0} busy during the backups and {busyIdle:P0} idle ({(busyDuring >= SaturatedShare ? "saturated" : "not saturated on average")}), the backup adding {added.Total:F2} cores ({Split(added)})")
            : F($"the backup added {added.Bench:F2} cores in this process (the machine's other figures could not be read)");
        var waits = d.Waits.Bench is { } bd && i.Waits.Bench is { } bi && d.Waits.Azurite is { } ad && i.Waits.Azurite is { } ai
            ? F($"; this process's threads and Azurite's (a webhook passes through both; this process also runs the backup) waited {d.PerSecond(bd + ad) * 1000:F0} ms per second for a core during the backups against {i.PerSecond(bi + ai) * 1000:F0} idle")
            : string.Empty;
        return F($"Measured (the webhook rounds' CPU, core-wait and thread-pool figures above): {cpu}{waits}; work queued to the front door's thread pool waited up to {Ms(w.DuringPool.Delay.P99Ms)} ms (p99) during the backups against {Ms(w.IdlePool.Delay.P99Ms)} ms idle, {PoolVerdict(w.DuringPool.Delay.P99Ms - w.IdlePool.Delay.P99Ms, grew)}.");
    }

    /// <summary>What the backup's CPU says about its wall time, in one sentence for the verdict.</summary>
    public static string BackupVerdict(BackupBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (b, r) = (run.Cpu.Backup, run.Cpu.BareReadMean);
        return b.Cosmos is { } cosmos && r.Cosmos is { } readCosmos
            ? F($"Measured (see Where the CPU went): the backup cost the Cosmos DB emulator {Cs(cosmos)} CPU-s against the bare read's {Cs(readCosmos)} ({cosmos / b.Wall.TotalSeconds:P0} and {readCosmos / r.Wall.TotalSeconds:P0} of their wall times on its one thread), and its own process {Cs(b.Bench)} CPU-s against the bare read's {Cs(r.Bench)}.")
            : F($"Measured (see Where the CPU went): the backup's own process used {Cs(b.Bench)} CPU-s against the bare read's {Cs(r.Bench)}; the emulators' CPU could not be read.");
    }

    private static IEnumerable<string> WebhookFindings(BackupBenchRun run)
    {
        var w = run.Webhook;
        var (d, i) = (w.DuringCpu, w.IdleCpu);
        var cores = run.Cpu.Cores;
        var backup = run.Cpu.Backup;
        var added = Added(d, i);
        var addedJit = d.PerSecond(d.Jit) - i.PerSecond(i.Jit);
        var grew = w.During.P99Ms - w.Idle.P99Ms;
        yield return F($"**The backup added {added.Total:F2} cores on average**: {added.Bench:F2} in this process ({added.Bench - addedJit:F2} without the background JIT; the front door and the load generator run in both kinds of round, so the difference is the backup's own work; the full backup measured alone used {backup.PerSecond(backup.Bench):F2}), {Opt(added.Cosmos)} in the Cosmos DB emulator and {Opt(added.Azurite)} in Azurite. The rest of the machine used {Opt(d.Rest is { } rd ? d.PerSecond(rd) : null)} cores during the backups and {Opt(i.Rest is { } ri ? i.PerSecond(ri) : null)} in the idle rounds (of it, time the hypervisor took: {Opt(d.Steal is { } sd ? d.PerSecond(sd) : null)} and {Opt(i.Steal is { } si ? i.PerSecond(si) : null)}).");
        if (d.Busy is { } busyDuring && i.Busy is { } busyIdle)
        {
            var split = F($"Of the CPU the backup added, {Split(added)}; the emulators' share runs on Cosmos DB's and Storage's machines in Azure, the backup's own shares the Functions host's cores with the front door there too: {added.Bench:F2} cores, {added.Bench / cores:P0} of this machine's {cores}.");
            var conclusion = (busyDuring >= SaturatedShare, busyIdle >= SaturatedShare) switch
            {
                (true, false) => F($"So the backup saturated the cores (at least {SaturatedShare:P0} busy counts as saturated here): a webhook that arrives when every core is taken waits for one. {split}"),
                (true, true) => F($"The cores were saturated in both kinds of round (at least {SaturatedShare:P0} busy counts as saturated here): in the idle rounds the rest of the machine filled them, so saturation alone does not tell the rounds apart; what changes is how many runnable threads share the full cores, and the backup added {added.Total:F2} cores of them. {split}"),
                _ => F($"On average the cores were not saturated while the backup ran ({SaturatedShare:P0} busy counts as saturated here); an average over a round hides bursts, so this does not rule the cores out, but it does not show them as the cause either. {split}"),
            };
            yield return F($"The machine's {cores} cores were **{busyDuring:P0} busy during the backups** ({d.PerSecond(d.MachineBusy ?? double.NaN):F2} cores) and **{busyIdle:P0} in the idle rounds** ({i.PerSecond(i.MachineBusy ?? double.NaN):F2}). {conclusion}");
        }

        if (d.Waits.Bench is { } benchDuring && i.Waits.Bench is { } benchIdle && d.Waits.Azurite is { } azDuring && i.Waits.Azurite is { } azIdle)
        {
            var (pathDuring, pathIdle) = (d.PerSecond(benchDuring + azDuring) * 1000, i.PerSecond(benchIdle + azIdle) * 1000);
            var burst = d.Busy is { } averageBusy && averageBusy < SaturatedShare ? " (in bursts the round's average hides)" : string.Empty;
            var verdict = pathDuring >= 2 * pathIdle && pathDuring - pathIdle >= 10
                ? F($"and together they waited for a core {pathDuring / Math.Max(pathIdle, 0.001):F1} times as long as idle ({pathDuring:F0} against {pathIdle:F0} ms per second, summed over their threads): the cores were taken{burst} when the webhooks' work wanted them")
                : F($"and together they did not wait much longer for a core during the backups ({pathDuring:F0} against {pathIdle:F0} ms per second, summed over their threads)");
            yield return F($"**Waiting for a core**: during the backups this process's threads (the front door, the load generator, the backup) waited {d.PerSecond(benchDuring) * 1000:F0} ms per second for a core and Azurite's (which answer every webhook's enqueue) {d.PerSecond(azDuring) * 1000:F0}; in the idle rounds {i.PerSecond(benchIdle) * 1000:F0} and {i.PerSecond(azIdle) * 1000:F0}; the Cosmos DB emulator's {PerSecondMs(d, d.Waits.Cosmos)} and {PerSecondMs(i, i.Waits.Cosmos)}. A webhook is handled by threads of this process (which also runs the backup, its garbage collector and the load generator) and by Azurite's, {verdict}.");
        }

        var poolGrew = w.DuringPool.Delay.P99Ms - w.IdlePool.Delay.P99Ms;
        yield return F($"**Work queued to this process's thread pool waited {Ms(w.DuringPool.Delay.P99Ms)} ms (p99; {Ms(w.DuringPool.Delay.MaxMs)} ms at most) for a thread during the backups and {Ms(w.IdlePool.Delay.P99Ms)} ms ({Ms(w.IdlePool.Delay.MaxMs)} ms) in the idle rounds**; the pool had up to {w.DuringPool.MaxThreads} threads and {w.DuringPool.MaxPending:N0} queued work items during the backups, {w.IdlePool.MaxThreads} and {w.IdlePool.MaxPending:N0} idle. A webhook's handling in the front door (Kestrel's request, the queue client's continuations) is such work, and the load generator's sends too (its send lateness grew with it), so {PoolVerdict(poolGrew, grew)}{(w.DuringPool.MaxThreads > w.IdlePool.MaxThreads ? F($"; the runtime added threads to the pool during the backups ({w.DuringPool.MaxThreads} against {w.IdlePool.MaxThreads}), which it does when queued work waits behind threads that are all occupied") : string.Empty)}.");

        if (d.Jit + i.Jit > 0.1 * (d.Bench + i.Bench))
        {
            yield return F($"This process's background JIT (tiered compilation) used {d.Jit:F2} CPU-s in the \"during\" rounds and {i.Jit:F2} in the idle rounds, more than a tenth of its CPU in them: the backup's code was still being compiled to its optimised tier during these rounds (the first backups of this process), which is part of the CPU the backup added here and also of a daily backup in a host that runs it once a day.");
        }

        var (pauseDuring, pauseIdle) = (d.PerSecond(d.Gc.PauseSeconds), i.PerSecond(i.Gc.PauseSeconds));
        var meanPauseMs = d.Gc.Collections > 0 ? d.Gc.PauseSeconds * 1000 / d.Gc.Collections : 0;
        var pauses = pauseDuring >= 0.01 && meanPauseMs >= 0.5 * grew
            ? " Pauses that frequent and that long can account for much of the p99's growth."
            : F($" Pauses that short (and covering {(pauseDuring >= 0.01 ? "only just over" : "less than")} 1 % of the time) cannot add the {grew:F1} ms the p99 grew by: garbage collection is not what moved it.");
        yield return F($"This process was paused for garbage collection {pauseDuring * 1000:F1} ms per second during the backups ({d.Gc.Collections:N0} collections, {d.Gc.Gen2:N0} of generation 2, {meanPauseMs:F1} ms each on average) and {pauseIdle * 1000:F1} ms per second in the idle rounds ({i.Gc.Collections:N0} collections). A pause holds every request in flight, so about {pauseDuring:P1} of the requests during the backups met one.{pauses}");
    }

    /// <summary>Whether the thread pool's extra wait accounts for the webhook p99's growth.</summary>
    private static string PoolVerdict(double poolGrewMs, double p99GrewMs) =>
        p99GrewMs <= 0
            ? "though the webhook p99 did not grow"
            : poolGrewMs >= p99GrewMs
                ? F($"the {poolGrewMs:F1} ms more that queued work waited is more than the {p99GrewMs:F1} ms the webhook p99 grew by: waiting in the process's own thread pool behind the backup's work items can account for all of that growth")
            : poolGrewMs >= 0.5 * p99GrewMs
                ? F($"the {poolGrewMs:F1} ms more that queued work waited is {poolGrewMs / p99GrewMs:P0} of the {p99GrewMs:F1} ms the webhook p99 grew by: most of that growth is requests' work waiting in the process's own thread pool behind the backup's work items, not the network or the emulators answering late")
                : F($"the {poolGrewMs:F1} ms more that queued work waited is only {poolGrewMs / p99GrewMs:P0} of the {p99GrewMs:F1} ms the webhook p99 grew by: the rest of that growth is not waiting for a pool thread (the emulators' answers, the cores)");

    private static string RoundRow(string name, CpuUse use, PoolProbeResult pool, double p99Ms) =>
        F($"| {name} | {Sec(use.Wall)} | {use.PerSecond(use.Bench):F2} ({use.PerSecond(use.Jit):F2}) | {Opt(use.Cosmos is { } c ? use.PerSecond(c) : null)} | {Opt(use.Azurite is { } a ? use.PerSecond(a) : null)} | {Opt(use.Rest is { } r ? use.PerSecond(r) : null)} | {Opt(use.MachineBusy is { } b ? use.PerSecond(b) : null)} | {use.PerSecond(use.Gc.PauseSeconds) * 1000:F1} ({use.Gc.Collections:N0}, {use.Gc.Gen2:N0}) | {Ms(pool.Delay.P99Ms)} / {Ms(pool.Delay.MaxMs)} ({pool.MaxThreads}, {pool.MaxPending:N0}) | {PerSecondMs(use, use.Waits.Bench)} / {PerSecondMs(use, use.Waits.Cosmos)} / {PerSecondMs(use, use.Waits.Azurite)} | {Ms(p99Ms)} |");

    private static string PerSecondMs(CpuUse use, double? seconds) => seconds is { } s ? (use.PerSecond(s) * 1000).ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    /// <summary>How the added cores split between the emulators and the backup's own process, or why they cannot be split.</summary>
    private static string Split((double Bench, double? Cosmos, double? Azurite, double Emulators, double Total) added) =>
        added.Cosmos is null && added.Azurite is null
            ? "the emulators' share could not be read"
            : added.Bench >= 0 && added.Emulators >= 0 && added.Total > 0
                ? F($"{added.Emulators / added.Total:P0} the emulators' and {added.Bench / added.Total:P0} the backup's own process's")
                : F($"the differences are within the noise: {added.Bench:+0.00;-0.00;0.00} cores in the backup's own process, {added.Emulators:+0.00;-0.00;0.00} in the emulators");

    private static (double Bench, double? Cosmos, double? Azurite, double Emulators, double Total) Added(CpuUse during, CpuUse idle)
    {
        var bench = during.PerSecond(during.Bench) - idle.PerSecond(idle.Bench);
        double? cosmos = during.Cosmos is { } dc && idle.Cosmos is { } ic ? during.PerSecond(dc) - idle.PerSecond(ic) : null;
        double? azurite = during.Azurite is { } da && idle.Azurite is { } ia ? during.PerSecond(da) - idle.PerSecond(ia) : null;
        var emulators = (cosmos ?? 0) + (azurite ?? 0);
        return (bench, cosmos, azurite, emulators, bench + emulators);
    }

    /// <summary>The stages of the backup's own CPU that were measured alone: reading, positions, parsing, sealing, uploading (in this order).</summary>
    private static List<(string Name, double CpuSeconds, string How)> Stages(BackupBenchRun run)
    {
        var c = run.Cpu;
        return
        [
            ("reading the feed, client side (the SDK's requests and responses, the page bodies)", c.BareReadMean.Bench, "this process during the bare read (mean of the two)"),
            ("the change-feed positions, client side", c.Positions.Bench, "this process during the change-feed positions alone"),
            ("parsing pages into canonical JSON", c.Parse.Cpu.TotalSeconds, F($"`JsonDocument` and `CanonicalItem.From` over the bare read's page bodies, one thread, this process's CPU, the least of {c.Parse.Repeats}")),
            ("sealing the chunks (per-user Brotli q1, AES-256-GCM per user and per chunk)", run.Format.Product.SealCpu.TotalSeconds, F($"the format comparison's product row (`ChunkBuilder.SealAsync` over the same items), one thread, this process's CPU, the least of {run.Format.Repeats}; its wall time there, {run.Format.Product.Seal.TotalSeconds:F2} s, includes waiting for a core")),
            ("uploading the chunks, client side", c.BareUpload.Bench, "this process during the bare upload"),
        ];
    }

    private static string CoresLine(CpuUse backup, CpuUse read, CpuUse quiet) =>
        backup.Busy is { } b && read.Busy is { } r && quiet.Busy is { } q
            ? F($"The cores were {b:P0} busy during the backup, {r:P0} during the bare read and {q:P0} while this bench did nothing{(b >= SaturatedShare ? ", so during the backup its work and the rest of the machine's competed for them and part of its wall time is waiting for a core, not work" : string.Empty)}.")
            : string.Empty;

    private static string Row(string name, CpuUse use) =>
        F($"| {name} | {Sec(use.Wall)} | {Cs(use.Bench)} ({Cs(use.Jit)}) | {Cs(use.Cosmos)} | {Cs(use.Azurite)} | {Cs(use.Rest)} | {(use.MachineBusy is { } busy ? use.PerSecond(busy).ToString("F2", CultureInfo.InvariantCulture) : "n/a")} | {use.Gc.PauseSeconds * 1000:N0} ({use.Gc.Collections:N0}, {use.Gc.Gen2:N0}) | {Cs(use.Waits.Bench)} / {Cs(use.Waits.Cosmos)} / {Cs(use.Waits.Azurite)} |");

    private static string Found(MeteredProcess? process) => process is null ? "not found" : process.Source;

    private static string Cs(double? seconds) => seconds is { } s && !double.IsNaN(s) ? s.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Opt(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " CPU-s" : "n/a";

    private static string Share(double? part, double whole) => part is { } p && whole > 0 ? (p / whole).ToString("P0", CultureInfo.InvariantCulture) : "n/a";

    private static string PerThousand(double cpuSeconds, long items) => items > 0 ? (cpuSeconds / items * 1_000_000).ToString("N0", CultureInfo.InvariantCulture) : "n/a";

    private static string Sec(TimeSpan elapsed) => elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
