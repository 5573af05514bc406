using AstroBot.Continuity.Bench;
using AstroBot.Continuity.Bench.Report;
using AstroBot.Continuity.Bench.Scenarios;

// Usage: AstroBot.Continuity.Bench [--quick] --repo <repository root> [--sdk <dotnet SDK version>]
// Writes its section of <repo>/docs/benchmarks.md. bench/run is the way in: it builds, starts the emulators and passes these.
var quick = args.Contains("--quick");
var repo = Argument("--repo") ?? Directory.GetCurrentDirectory();
var sdk = Argument("--sdk") ?? "unknown";
var settings = quick ? BenchSettings.QuickSmoke : BenchSettings.Full;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var machine = await MachineInfo.CollectAsync(sdk, cancel.Token);
var run = await new WebhookAckBenchmark(settings, machine, Console.Out).RunAsync(cancel.Token);

var sample = SignedWebhook.Build("sample", 1, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, run.StartedAt)[0];
var section = WebhookAckSection.Render(run, sample.Body.Length, BareEnqueue.QueueTexts([sample], run.StartedAt)[0].Length);
var document = Path.Combine(repo, "docs", "benchmarks.md");
await BenchmarksDocument.WriteSectionAsync(document, WebhookAckSection.Key, section, cancel.Token);
Console.WriteLine($"wrote {document}");

// Exit 1 only when the harness saw a lost acknowledgement; a missed performance target is a finding, not a failure.
return run.MissingTotal == 0 ? 0 : 1;

string? Argument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
