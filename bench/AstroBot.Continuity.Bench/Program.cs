using System.Globalization;
using AstroBot.Continuity.Bench;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Drills;
using AstroBot.Continuity.Bench.Identity;
using AstroBot.Continuity.Bench.Portability;
using AstroBot.Continuity.Bench.Regions;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;

// Usage: AstroBot.Continuity.Bench [webhook|backup|portability|identity|regions|drills|all] [--quick] [--users N] [--page-size N (backup)] --repo <repository root> [--sdk <dotnet SDK version>]
// Writes its sections of <repo>/docs/benchmarks.md. bench/run is the way in: it builds, starts the emulators and passes these.
// No benchmark named: the webhook benchmark, as before.
var benchmark = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "webhook";
if (benchmark is not ("webhook" or "backup" or "portability" or "identity" or "regions" or "drills" or "all"))
{
    Console.Error.WriteLine($"unknown benchmark '{benchmark}': webhook, backup, portability, identity, regions, drills or all");
    return 2;
}

var quick = args.Contains("--quick");
var repo = Argument("--repo") ?? Directory.GetCurrentDirectory();
var sdk = Argument("--sdk") ?? "unknown";
int? users = Argument("--users") is { } usersText ? int.Parse(usersText, CultureInfo.InvariantCulture) : null;
int? pageSize = Argument("--page-size") is { } pageSizeText ? int.Parse(pageSizeText, CultureInfo.InvariantCulture) : null;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var machine = await MachineInfo.CollectAsync(sdk, cancel.Token);
var document = Path.Combine(repo, "docs", "benchmarks.md");
var exitCode = 0;

if (benchmark is "webhook" or "all")
{
    var settings = quick ? BenchSettings.QuickSmoke : BenchSettings.Full;
    var run = await new WebhookAckBenchmark(settings, machine, Console.Out).RunAsync(cancel.Token);
    var sample = SignedWebhook.Build("sample", 1, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, run.StartedAt)[0];
    var section = WebhookAckSection.Render(run, sample.Body.Length, BareEnqueue.QueueTexts([sample], run.StartedAt)[0].Length);
    await BenchmarksDocument.WriteSectionAsync(document, WebhookAckSection.Key, section, cancel.Token);
    Console.WriteLine($"wrote the webhook section of {document}");

    // Exit 1 only when the harness saw a lost acknowledgement; a missed performance target is a finding, not a failure.
    exitCode = run.MissingTotal == 0 ? 0 : 1;
}

if (benchmark is "backup" or "all")
{
    var settings = (quick ? BackupBenchSettings.QuickSmoke(users) : BackupBenchSettings.Full(users)) with { PageSize = pageSize };
    // eng/emulators' data folder, where its pid files are: the CPU of the emulators is read from their processes.
    var cpu = AstroBot.Continuity.Bench.Cpu.CpuMeter.Discover(Environment.GetEnvironmentVariable("CONTINUITY_DATA") is { Length: > 0 } data ? data : Path.Combine(repo, ".local"));
    Console.WriteLine($"cpu: Cosmos DB emulator {cpu.Cosmos?.Source ?? "not found"}; Azurite {cpu.Azurite?.Source ?? "not found"}");
    var run = await new BackupBenchmark(settings, machine, CosmosServerVersion.Read(repo), cpu, Console.Out).RunAsync(cancel.Token);
    await BenchmarksDocument.WriteSectionAsync(document, BackupSection.KeyOf(settings), BackupSection.Render(run), cancel.Token);
    Console.WriteLine($"wrote the backup section of {document}");

    // A missed target is a finding; a backup that does not verify, or a restore that loses items, is a failure.
    if (!run.Verify.Result.IsValid || run.Restore.Result.ItemsWritten != run.Backup.Result.ItemCount)
    {
        Console.Error.WriteLine($"backup benchmark: verify {run.Verify.Result.Summary}; restored {run.Restore.Result.ItemsWritten:N0} of {run.Backup.Result.ItemCount:N0} items");
        exitCode = 1;
    }
}

if (benchmark is "portability" or "all")
{
    var settings = quick ? PortabilityBenchSettings.QuickSmoke(users) : PortabilityBenchSettings.Full(users);
    var run = await new PortabilityBenchmark(settings, machine, CosmosServerVersion.Read(repo), Console.Out).RunAsync(cancel.Token);
    await BenchmarksDocument.WriteSectionAsync(document, PortabilitySection.Key, PortabilitySection.Render(run), cancel.Token);
    Console.WriteLine($"wrote the portability section of {document}");
}

if (benchmark is "identity" or "all")
{
    var run = await new IdentityBenchmark(quick ? IdentityBenchSettings.QuickSmoke : IdentityBenchSettings.Full, machine, Console.Out).RunAsync(cancel.Token);
    await BenchmarksDocument.WriteSectionAsync(document, IdentitySection.Key, IdentitySection.Render(run), cancel.Token);
    Console.WriteLine($"wrote the identity section of {document}");

    // A missed target is a finding; a lost acknowledgement, a failed message or one handed to the bot under the wrong person is a failure.
    var inbox = run.Inbox;
    var wrong = inbox.KnownUsersChecked.Add(inbox.FirstContactsChecked);
    if (run.Ack.Missing > 0 || inbox.Failures > 0 || wrong.Missing > 0 || wrong.WrongPerson > 0 || inbox.PersonsInDirectory != inbox.PersonsExpected)
    {
        Console.Error.WriteLine($"identity benchmark: {run.Ack.Missing} acknowledged webhooks lost, {inbox.Failures} inbox failures ({inbox.FirstFailure}), {wrong.Missing} processed messages not in the bot queue, {wrong.WrongPerson} under the wrong person, {inbox.PersonsInDirectory} people in the directory where {inbox.PersonsExpected} were expected");
        exitCode = 1;
    }
}

if (benchmark is "regions" or "all")
{
    var run = await new RegionsBenchmark(quick ? RegionsBenchSettings.QuickSmoke : RegionsBenchSettings.Full, machine, repo, Console.Out).RunAsync(cancel.Token);
    await BenchmarksDocument.WriteSectionAsync(document, RegionsSection.Key, RegionsSection.Render(run), cancel.Token);
    Console.WriteLine($"wrote the regions section of {document}");

    // A missed target is a finding; an acknowledged webhook lost or never acknowledged is a failure, and so is one handed to
    // the bot twice other than by a region killed between the hand-over and the ledger's mark (the bot queue contract's "at least once").
    var failover = run.Failover;
    if (run.Redundancy.Missing > 0 || failover.Audit.Lost > 0 || failover.Audit.Duplicates > failover.Audit.DuplicatesAcrossTheKill || failover.GivenUp > 0)
    {
        Console.Error.WriteLine($"regions benchmark: {run.Redundancy.Missing} acknowledged webhooks in neither inbox; across the failover {failover.Audit.Lost} acknowledged webhooks lost, {failover.Audit.Duplicates} handed to the bot twice, {failover.GivenUp} never acknowledged");
        exitCode = 1;
    }
}

if (benchmark is "drills" or "all")
{
    var settings = quick ? DrillsBenchSettings.QuickSmoke(users) : DrillsBenchSettings.Full(users);
    var run = await new DrillsBenchmark(settings, machine, CosmosServerVersion.Read(repo), Console.Out).RunAsync(cancel.Token);
    await BenchmarksDocument.WriteSectionAsync(document, DrillsSection.Key, DrillsSection.Render(run), cancel.Token);
    Console.WriteLine($"wrote the drills section of {document}");

    // A missed objective is a finding (and the RPO's clock here is the run's own incremental); a drill that failed a check
    // stops the run before this, and a restore that wrote other than the chain's items is a failure.
    var chainItems = run.Restore.Chain.ItemCount;
    if (run.Restore.Rounds.FirstOrDefault(round => round.BareRestore.Result.ItemsWritten != chainItems) is { } mismatch)
    {
        Console.Error.WriteLine($"drills benchmark: the bare restore of round {mismatch.Round} wrote {mismatch.BareRestore.Result.ItemsWritten:N0} items, the chain holds {chainItems:N0}");
        exitCode = 1;
    }
}

return exitCode;

string? Argument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
