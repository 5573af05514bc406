using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using AstroBot.Continuity.Availability.Probe;

namespace AstroBot.Continuity.Functions.Tests.Probe;

/// <summary>The probe's timer waits inside its invocation, so its longest run must fit in host.json's <c>functionTimeout</c>.</summary>
public class AvailabilityProbeFunctionTests
{
    // Writing the run's row before the send and completing it after, with the storage SDK's retries.
    private static readonly TimeSpan Bookkeeping = TimeSpan.FromMinutes(1);

    [Fact]
    public void Probe_AtTheLongestWaitsTheSettingsAllow_EndsBeforeTheFunctionTimeout()
    {
        var timeout = TimeSpan.Parse(HostJson.Load().GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);

        // The hand-over wait counts from the send, so a run waits the longer of the two, not their sum; the sum bounds it anyway.
        var longest = Maximum(nameof(ProbeOptions.ProbeRequestTimeout)) + Maximum(nameof(ProbeOptions.ProbeHandOverWithin)) + Bookkeeping;

        Assert.True(longest < timeout, $"A probe may run {longest} against a functionTimeout of {timeout}.");
    }

    private static TimeSpan Maximum(string property)
    {
        var range = typeof(ProbeOptions).GetProperty(property)!.GetCustomAttribute<RangeAttribute>()!;
        return TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture);
    }
}
