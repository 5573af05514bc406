using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Bench.Cpu;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>One pair of rounds: the paced load while a full backup ran, then the same count at the same rate idle.</summary>
/// <param name="During">The round while a full backup ran (it ends when the backup ends, or at the round's limit).</param>
/// <param name="Idle">The same number of webhooks at the same rate, nothing else running.</param>
/// <param name="BackupElapsed">The full backup that ran during the first round, from its start to its end.</param>
/// <param name="DuringCpu">The CPU used on the machine from the backup's start to the end of the round during it.</param>
/// <param name="IdleCpu">The CPU used on the machine over the idle round.</param>
/// <param name="DuringPool">How long work waited for this process's thread pool during the backup's round.</param>
/// <param name="IdlePool">The same over the idle round.</param>
internal sealed record WebhookPair(
    PacedRoundResult During, PacedRoundResult Idle, TimeSpan BackupElapsed, BackupRunResult Backup, CpuUse DuringCpu, CpuUse IdleCpu, PoolProbeResult DuringPool, PoolProbeResult IdlePool)
{
    public double P99Ratio => During.Round.Latency.P99Ms / Idle.Round.Latency.P99Ms;
}

/// <summary>Every pair of webhook rounds, and the latencies of all "during" rounds and all "idle" rounds pooled.</summary>
internal sealed record WebhookUnderBackupResult(IReadOnlyList<WebhookPair> Pairs)
{
    public LatencySummary During { get; } = LatencySummary.FromTicks(Pairs.SelectMany(pair => pair.During.LatencyTicks).ToList());

    public LatencySummary Idle { get; } = LatencySummary.FromTicks(Pairs.SelectMany(pair => pair.Idle.LatencyTicks).ToList());

    public LatencySummary DuringLateness { get; } = LatencySummary.FromTicks(Pairs.SelectMany(pair => pair.During.LatenessTicks).ToList());

    public LatencySummary IdleLateness { get; } = LatencySummary.FromTicks(Pairs.SelectMany(pair => pair.Idle.LatenessTicks).ToList());

    public double P99Ratio => During.P99Ms / Idle.P99Ms;

    /// <summary>The CPU of every round during a backup, added up.</summary>
    public CpuUse DuringCpu { get; } = CpuUse.Sum([.. Pairs.Select(pair => pair.DuringCpu)]);

    /// <summary>The CPU of every idle round, added up.</summary>
    public CpuUse IdleCpu { get; } = CpuUse.Sum([.. Pairs.Select(pair => pair.IdleCpu)]);

    /// <summary>The thread-pool probe of every round during a backup, pooled.</summary>
    public PoolProbeResult DuringPool { get; } = PoolProbeResult.Pool(Pairs.Select(pair => pair.DuringPool));

    /// <summary>The thread-pool probe of every idle round, pooled.</summary>
    public PoolProbeResult IdlePool { get; } = PoolProbeResult.Pool(Pairs.Select(pair => pair.IdlePool));

    /// <summary>Met when every pair's p99 ratio is within <paramref name="maxRatio"/>, missed when none is; otherwise the noise decides and the run does not.</summary>
    public bool? Meets(double maxRatio) =>
        Pairs.All(pair => pair.P99Ratio <= maxRatio) ? true
        : Pairs.All(pair => pair.P99Ratio > maxRatio) ? false
        : null;
}

/// <summary>
/// The webhook acknowledgement p99 with a full backup running against idle: the real local host (as in the
/// webhook benchmark: inbox workers stopped after a canary, no scheduler, so the only backup is the one run here), signed webhooks at a fixed moderate rate from a
/// paced open loop, once while a full backup runs in the same process (as the Functions app runs its timer
/// next to its HTTP trigger) and once idle with the same count at the same rate; the pair runs a few times and
/// the rounds are pooled, since one pair on this shared machine says little.
/// </summary>
internal static class WebhookUnderBackup
{
    public static async Task<WebhookUnderBackupResult> RunAsync(
        BackupBenchSettings settings, BackupRunner runner, string runId, CpuMeter cpu, TextWriter progress, CancellationToken ct)
    {
        var names = new BenchNames(runId);
        await using var host = await LocalHostTarget.StartAsync(names, ct).ConfigureAwait(false);
        using var poster = new WebhookPoster(settings.WebhookWorkers);
        try
        {
            progress.WriteLine($"webhook: local host up; warm-up of {settings.WebhookWarmUp:N0} webhooks");
            var warm = SignedWebhook.Build("backup-warmup", settings.WebhookWarmUp, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow());
            await LoadGenerator.RunAsync(8, warm.Length, TimeSpan.FromSeconds(60), (i, c) => poster.PostAsync(host.WebhookUri, warm[i], c), ct).ConfigureAwait(false);
            await InboxAudit.ClearAsync(names.InboxQueue, ct).ConfigureAwait(false);

            var pairs = new List<WebhookPair>();
            for (var pair = 1; pair <= settings.WebhookPairs; pair++)
            {
                pairs.Add(await RunPairAsync(pair).ConfigureAwait(false));
            }

            return new WebhookUnderBackupResult(pairs);
        }
        finally
        {
            await host.DeleteResourcesAsync(names, CancellationToken.None).ConfigureAwait(false);
        }

        async Task<WebhookPair> RunPairAsync(int pair)
        {
            var maxCount = (int)Math.Ceiling(settings.WebhookRate * settings.WebhookMaxRound.TotalSeconds);
            var duringPosts = SignedWebhook.Build($"backup-during{pair}", maxCount, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow());
            Collect();

            // The load starts with the backup and stops when it ends (or at the round's limit).
            using var backupDone = new CancellationTokenSource();
            var duringCpuBefore = cpu.Sample();
            using var duringProbe = PoolProbe.Start();
            var clock = Stopwatch.StartNew();
            var backupTask = Task.Run(
                async () =>
                {
                    try
                    {
                        return await runner.RunAsync(BackupKind.Full, null, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        clock.Stop();
                        await backupDone.CancelAsync().ConfigureAwait(false);
                    }
                },
                ct);
            var during = await PacedLoadGenerator.RunAsync(
                settings.WebhookRate, settings.WebhookWorkers, maxCount, (i, c) => poster.PostAsync(host.WebhookUri, duringPosts[i], c), backupDone.Token, ct).ConfigureAwait(false);
            var duringCpu = cpu.Between(duringCpuBefore, cpu.Sample());
            var duringPool = duringProbe.Stop();
            var backup = await backupTask.ConfigureAwait(false);
            Report($"{pair} during backup", during);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"webhook: the backup under load took {clock.Elapsed.TotalSeconds:F1} s ({backup.Outcome}, {backup.Entry?.ItemCount:N0} items)"));
            if (backup.Outcome != BackupRunOutcome.Committed)
            {
                throw new InvalidOperationException($"The backup under webhook load did not commit: {backup.Message}");
            }

            await InboxAudit.ClearAsync(names.InboxQueue, ct).ConfigureAwait(false);
            var idlePosts = SignedWebhook.Build($"backup-idle{pair}", during.Round.Attempted, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow());
            Collect();
            var idleCpuBefore = cpu.Sample();
            using var idleProbe = PoolProbe.Start();
            var idle = await PacedLoadGenerator.RunAsync(
                settings.WebhookRate, settings.WebhookWorkers, idlePosts.Length, (i, c) => poster.PostAsync(host.WebhookUri, idlePosts[i], c), CancellationToken.None, ct).ConfigureAwait(false);
            var idleCpu = cpu.Between(idleCpuBefore, cpu.Sample());
            var idlePool = idleProbe.Stop();
            Report($"{pair} idle", idle);
            ReportCpu($"{pair} during/idle", duringCpu, idleCpu);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"webhook: {pair} during/idle    thread-pool wait p99 {duringPool.Delay.P99Ms:F1}/{idlePool.Delay.P99Ms:F1} ms, max {duringPool.Delay.MaxMs:F1}/{idlePool.Delay.MaxMs:F1} ms, pool threads up to {duringPool.MaxThreads}/{idlePool.MaxThreads}"));
            await InboxAudit.ClearAsync(names.InboxQueue, ct).ConfigureAwait(false);
            return new WebhookPair(during, idle, clock.Elapsed, backup, duringCpu, idleCpu, duringPool, idlePool);
        }

        void ReportCpu(string label, CpuUse during, CpuUse idle) => progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"webhook: {label,-16} cores used: this process {during.PerSecond(during.Bench):F2}/{idle.PerSecond(idle.Bench):F2}, Cosmos DB emulator {during.PerSecond(during.Cosmos ?? double.NaN):F2}/{idle.PerSecond(idle.Cosmos ?? double.NaN):F2}, Azurite {during.PerSecond(during.Azurite ?? double.NaN):F2}/{idle.PerSecond(idle.Azurite ?? double.NaN):F2}, machine busy {during.Busy:P0}/{idle.Busy:P0}"));

        void Report(string label, PacedRoundResult result) => progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"webhook: {label,-16} {result.Round.Succeeded,6}/{result.Round.Attempted,-6} ok in {result.Round.Elapsed.TotalSeconds,5:F1} s  {result.Round.Throughput,6:F0} msg/s  p50 {result.Round.Latency.P50Ms,7:F2} ms  p99 {result.Round.Latency.P99Ms,7:F2} ms  max {result.Round.Latency.MaxMs,7:F1} ms  (send lateness p99 {result.Lateness.P99Ms:F1} ms)"));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
