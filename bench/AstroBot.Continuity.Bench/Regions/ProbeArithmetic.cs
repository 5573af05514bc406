using System.Globalization;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Local.FrontDoor;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>
/// The failover and failback windows that a front door's probe settings produce, by the rules of docs/availability.md
/// ("Front Door: probe settings and failover time", "The local front door"), for a primary that stops answering at once
/// (a refused connection or an answered 503 fails a probe at once; a silent origin adds the probe's own wait):
/// <list type="bullet">
/// <item>Failover: the origin is taken out at the <see cref="FailuresToTakeOut"/>-th failed probe in a row; the first comes
/// within one interval of the failure, so traffic moves ((k − 1)·interval, k·interval] after it.</item>
/// <item>Failback: healthy again at the <see cref="SuccessesToReturn"/>-th successful probe in a row, s·interval at most after
/// it answers again; then, where there is one, the restoration delay, counted in probes: ⌈delay / interval⌉ more.</item>
/// </list>
/// </summary>
internal sealed record ProbeArithmetic(string Name, TimeSpan Interval, int FailuresToTakeOut, int SuccessesToReturn, TimeSpan RestorationDelay)
{
    /// <summary>The local front door as it runs (<see cref="LocalFrontDoorOptions"/>).</summary>
    public static ProbeArithmetic Local(LocalFrontDoorOptions options) =>
        new("local front door", options.ProbeInterval, options.UnhealthyAfterFailures, options.HealthyAfterSuccesses, options.RestorationDelay);

    /// <summary>
    /// Azure Front Door as <c>bicep/modules/frontDoorRouting.bicep</c> sets it up (the defaults of its parameters, which
    /// main.bicep keeps): probe interval, and of the last <c>sampleSize</c> probes <c>successfulSamplesRequired</c> must
    /// succeed, so the (sampleSize − successfulSamplesRequired + 1)-th failure takes an origin out; no restoration delay.
    /// </summary>
    /// <exception cref="InvalidDataException">A parameter is not where it is expected.</exception>
    public static ProbeArithmetic Azure(string repo)
    {
        var bicep = File.ReadAllText(Path.Combine(repo, "bicep", "modules", "frontDoorRouting.bicep"));
        int Default(string parameter)
        {
            var match = Regex.Match(bicep, $@"^param {parameter} int = (\d+)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return match.Success
                ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidDataException($"frontDoorRouting.bicep has no 'param {parameter} int = <number>'.");
        }

        var sampleSize = Default("sampleSize");
        var required = Default("successfulSamplesRequired");
        return new("Azure Front Door", TimeSpan.FromSeconds(Default("probeIntervalSeconds")), sampleSize - required + 1, required, TimeSpan.Zero);
    }

    /// <summary>How long after the failure traffic moves: the earliest and the latest.</summary>
    public (TimeSpan Min, TimeSpan Max) Failover => (Interval * (FailuresToTakeOut - 1), Interval * FailuresToTakeOut);

    /// <summary>How long after the primary answers again traffic moves back: the earliest and the latest.</summary>
    public (TimeSpan Min, TimeSpan Max) Failback => (Interval * (SuccessesToReturn - 1) + RestorationProbes, Interval * SuccessesToReturn + RestorationProbes);

    private TimeSpan RestorationProbes => Interval * Math.Ceiling(RestorationDelay / Interval);
}
