using System.Diagnostics;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>One run of the regions benchmark.</summary>
internal sealed record RegionsRun(
    DateTimeOffset StartedAt, TimeSpan Duration, RegionsBenchSettings Settings, MachineInfo Machine, RedundancyResult Redundancy, FailoverResult Failover);

/// <summary>
/// Issue 12 (two regions), performance, in one run on the local two-region topology (<see cref="TwoRegions"/>): first
/// what the front door costs in normal operation (<see cref="RedundancyCost"/>), then a failover under load
/// (<see cref="FailoverRun"/>).
/// </summary>
internal sealed class RegionsBenchmark(RegionsBenchSettings settings, MachineInfo machine, string repo, TextWriter progress)
{
    public async Task<RegionsRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var azure = ProbeArithmetic.Azure(repo);
        var names = BenchNames.Create();
        progress.WriteLine($"regions run {names.RunId}: inbox {names.InboxQueue} in devstoreaccount1 and devstoreaccount2, bot queue {names.BotQueue}");
        await using var regions = await TwoRegions.StartAsync(names, settings, ct).ConfigureAwait(false);
        progress.WriteLine($"two regions up ({regions.Primary.BaseUri}, {regions.Secondary.BaseUri}), routes only; the front door has both in service");
        try
        {
            var redundancy = await new RedundancyCost(regions, names, settings, progress).RunAsync(ct).ConfigureAwait(false);
            var failover = await new FailoverRun(regions, names, settings, azure, progress).RunAsync(ct).ConfigureAwait(false);
            return new RegionsRun(startedAt, clock.Elapsed, settings, machine, redundancy, failover);
        }
        finally
        {
            progress.WriteLine("removing the run's queues, containers, tables and database");
            await regions.DeleteResourcesAsync(names, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
