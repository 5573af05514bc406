using System.Globalization;
using System.Text;
using AstroBot.Continuity.Bench.Regions;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>Renders the "Two regions (issue 12, performance)" section of docs/benchmarks.md from one run of the regions benchmark.</summary>
internal static class RegionsSection
{
    public const string Key = "regions";

    /// <summary>"Redundancy doesn't impact normal operations": through the front door, throughput at least 0.90× and p99 at most 1.10× straight to one region.</summary>
    public const double MaxRedundancyCost = 0.10;

    public static string Render(RegionsRun run)
    {
        var s = run.Settings;
        var m = run.Machine;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"## Two regions (issue 12, performance)");
        Line($"");
        Line($"Reproduce: `bench/run regions` (about 10 minutes on this machine, over half of it waiting out the visibility timeout of the messages the killed primary held; it starts the emulators if they are down and stops only what it started). `bench/run regions --quick` smoke-tests the harness in under a minute; its figures are not meant to be read. `bench/run all` runs every benchmark, one after the other.");
        Line($"");
        if (s.Quick)
        {
            Line($"> **This section was written by `bench/run regions --quick`: tiny counts and shortened probe, restoration and visibility settings; the figures below are a smoke test, not a measurement.**");
            Line($"");
        }

        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, {(s.Quick ? "quick" : "full")} mode, {run.Duration.TotalMinutes:F1} min in all.");
        Line($"- Machine: {m.Cores} cores, {m.Memory}, {m.OperatingSystem}.");
        Line($"- .NET: {m.Runtime}, SDK {m.Sdk}, Release build, {m.GcMode} GC. Azurite as it names itself: `{m.Azurite}` (Node.js, its own process, on the same {m.Cores} cores, with both regions' accounts). The machine is shared: other people's builds and tests use the same cores and the same Azurite meanwhile, which is why every figure is a ratio of measurements taken side by side in this run, or a time set against the probe settings that produce it.");
        Line($"- The topology is `eng/serve --regions 2`'s, in this process (docs/availability.md, \"Local two-region topology\"): region-1 and region-2 are two real `continuity serve` hosts (`ContinuityLocalHost.Build`, their routes only), each with its inbox in its own Azurite account (`Storage:RegionConnectionString`: devstoreaccount1, devstoreaccount2), sharing the app's account (ledger, identity directory, bot queue), the Cosmos DB emulator and one Graph API sink, behind the real local front door (`LocalFrontDoor`, YARP, region-1 first). Logging at Warning.");
        Line($"- Targets (issue 12): through the front door, throughput at least {1 - MaxRedundancyCost:F2}× and p99 at most {1 + MaxRedundancyCost:F2}× straight to one region (\"redundancy doesn't impact normal operations\"); across a failover, 0 acknowledged messages lost and 0 handed to the bot twice.");
        Line($"");

        RedundancySection.Render(run.Redundancy, s, Line);
        FailoverSection.Render(run.Failover, s, Line);

        Line($"### Verdict");
        Line($"");
        foreach (var sentence in RedundancySection.Verdict(run.Redundancy).Concat(FailoverSection.Verdict(run.Failover, s)))
        {
            Line($"- {sentence}");
        }

        Line($"");
        Line($"### What each row measures");
        Line($"");
        foreach (var sentence in RedundancySection.Rows(s, run.Failover.Local.Interval).Concat(FailoverSection.Rows(run.Failover, s)))
        {
            Line($"- {sentence}");
        }

        return md.ToString();
    }

    /// <summary>Seconds, to the hundredth below 10 s.</summary>
    internal static string Sec(TimeSpan? time) =>
        time is { } t ? t.TotalSeconds.ToString(Math.Abs(t.TotalSeconds) < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " s" : "n/a";

    /// <summary>A window of seconds, "2-4 s".</summary>
    internal static string Window((TimeSpan Min, TimeSpan Max) window) =>
        string.Create(CultureInfo.InvariantCulture, $"{window.Min.TotalSeconds:0.##}-{window.Max.TotalSeconds:0.##} s");
}
