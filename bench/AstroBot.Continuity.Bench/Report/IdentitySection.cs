using System.Globalization;
using System.Text;
using AstroBot.Continuity.Bench.Identity;
using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>Renders the "Identity (issue 9, performance)" section of docs/benchmarks.md from one run of the identity benchmark.</summary>
internal static class IdentitySection
{
    public const string Key = "identity";

    public static string Render(IdentityBenchRun run)
    {
        var s = run.Settings;
        var m = run.Machine;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"## Identity (issue 9, performance)");
        Line($"");
        Line($"Reproduce: `bench/run identity` (8-10 minutes on this machine; it starts the emulators if they are down and stops only what it started). `bench/run identity --quick` smoke-tests the harness in under a minute; its figures are not meant to be read. `bench/run all` runs every benchmark, one after the other.");
        Line($"");
        if (s.Quick)
        {
            Line($"> **This section was written by `bench/run identity --quick`: tiny counts, the figures below are a smoke test, not a measurement.**");
            Line($"");
        }

        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, {(s.Quick ? "quick" : "full")} mode, {run.Duration.TotalMinutes:F1} min in all.");
        Line($"- Machine: {m.Cores} cores, {m.Memory}, {m.OperatingSystem}.");
        Line($"- .NET: {m.Runtime}, SDK {m.Sdk}, Release build, {m.GcMode} GC. Azurite as it names itself: `{m.Azurite}` (Node.js, its own process, on the same {m.Cores} cores; its queues and tables hold everything measured here). The machine is shared: other people's builds and tests use the same cores and the same Azurite meanwhile, which is why every figure is a ratio of two measurements taken side by side.");
        Line($"- Target (issue 9): acknowledging a webhook from a username user (BSUID only) costs at most {IdentityTargets.BsuidOnlyOverPhoneMax:F2}× a webhook from a phone-number user: p50, p99 and time per message (the inverse of throughput). No target was set for the inbox; its figure is reported and explained below.");
        Line($"");

        AckSection.Render(run, Line);
        InboxSection.Render(run, Line);

        Line($"### Verdict");
        Line($"");
        foreach (var sentence in AckSection.Verdict(run).Concat(InboxSection.Verdict(run)))
        {
            Line($"- {sentence}");
        }

        Line($"");
        Line($"### What each row measures");
        Line($"");
        foreach (var sentence in AckSection.Rows(run).Concat(InboxSection.Rows(run)))
        {
            Line($"- {sentence}");
        }

        return md.ToString();
    }

    internal static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    internal static double Ratio(double a, double b) => b > 0 && !double.IsNaN(a) && !double.IsNaN(b) ? a / b : double.NaN;

    internal static string R(double ratio) => double.IsNaN(ratio) ? "n/a" : ratio.ToString("F3", CultureInfo.InvariantCulture);

    internal static string Percent(double share) => double.IsNaN(share) ? "n/a" : (share * 100).ToString("F0", CultureInfo.InvariantCulture) + " %";

    internal static string Row(string label, PooledRounds p) =>
        F($"{label} | {p.Rounds} | {p.Succeeded:N0}{(p.Failed > 0 ? F($" ({p.Failed} failed)") : "")} | **{p.Throughput:N0}** | {Ms(p.MsPerItem)} | {Ms(p.Latency.P50Ms)} | {Ms(p.Latency.P99Ms)} |");
}
