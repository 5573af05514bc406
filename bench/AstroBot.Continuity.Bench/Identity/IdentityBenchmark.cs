using System.Diagnostics;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>One run of the identity benchmark.</summary>
internal sealed record IdentityBenchRun(
    DateTimeOffset StartedAt, TimeSpan Duration, IdentityBenchSettings Settings, MachineInfo Machine, AckComparisonResult Ack, InboxComparisonResult Inbox);

/// <summary>
/// Issue 9 (identity continuity), performance: on one local host of this run (its own queues, ledger, directory and
/// confirmation tables; inbox workers stopped after the canary; no scheduler, no export request pump, no Durable Task
/// engine: <see cref="LocalHostTarget"/>), first the
/// acknowledgement of BSUID-only webhooks against phone-number webhooks, then inbox processing with the directory
/// against the same work without it.
/// </summary>
internal sealed class IdentityBenchmark(IdentityBenchSettings settings, MachineInfo machine, TextWriter progress)
{
    public async Task<IdentityBenchRun> RunAsync(CancellationToken ct)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var names = BenchNames.Create();
        progress.WriteLine($"identity run {names.RunId}: directory table {names.IdentityTable}, ledger table {names.LedgerTable}");
        await using var host = await LocalHostTarget.StartAsync(names, ct).ConfigureAwait(false);
        progress.WriteLine("local host up (no scheduler, no export request pump): a canary went through the inbox pump and the bot stand-in, both now stopped");
        try
        {
            var ack = await new AckComparison(host, names, settings, progress).RunAsync(ct).ConfigureAwait(false);
            var inbox = await new InboxComparison(host, names, settings, startedAt, progress).RunAsync(ct).ConfigureAwait(false);
            return new IdentityBenchRun(startedAt, clock.Elapsed, settings, machine, ack, inbox);
        }
        finally
        {
            progress.WriteLine("removing the run's queues, container, tables and database");
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DeleteResourcesAsync(names, CancellationToken.None).ConfigureAwait(false);
            await host.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(names.BareQueue).DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
