using System.Diagnostics;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>One run of the portability benchmark.</summary>
internal sealed record PortabilityBenchRun(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    PortabilityBenchSettings Settings,
    MachineInfo Machine,
    string CosmosServer,
    RequestToLinkResult Link,
    TenantThroughputResult Tenant);

/// <summary>
/// The portability benchmark (issue "Data portability", performance): an export through WhatsApp from the request to
/// the link being sent, then whole-tenant export and import throughput, each next to its bare limit in this run.
/// </summary>
internal sealed class PortabilityBenchmark(PortabilityBenchSettings settings, MachineInfo machine, string cosmosServer, TextWriter progress)
{
    public async Task<PortabilityBenchRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var runId = BenchNames.Create().RunId;
        progress.WriteLine($"portability run {runId}: {settings.Users:N0} users, {settings.LinkSamples} exports through WhatsApp");
        var link = await RequestToLink.RunAsync(settings, runId, progress, ct).ConfigureAwait(false);
        var tenant = await TenantThroughput.RunAsync(settings, runId, progress, ct).ConfigureAwait(false);
        return new PortabilityBenchRun(startedAt, clock.Elapsed, settings, machine, cosmosServer, link, tenant);
    }
}
