using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Functions.Tests.Drills;

/// <summary>The failover drill's canaries and path checks wait inside their activities, so their longest run must fit in host.json's <c>functionTimeout</c>.</summary>
public class FailoverDrillFunctionTests
{
    // Writing canary rows and reading the drill's record, with the storage SDK's retries.
    private static readonly TimeSpan Bookkeeping = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FunctionTimeout =
        TimeSpan.Parse(HostJson.Load().GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public void Canaries_AtTheLongestWaitsTheSettingsAllow_EndBeforeTheFunctionTimeout()
    {
        var longest = Maximum<FailoverDrillOptions>(nameof(FailoverDrillOptions.CanaryWindow))
            + Maximum<ProbeOptions>(nameof(ProbeOptions.ProbeRequestTimeout)) + Maximum<ProbeOptions>(nameof(ProbeOptions.ProbeHandOverWithin)) + Bookkeeping;

        Assert.True(longest < FunctionTimeout, $"The canaries may run {longest} against a functionTimeout of {FunctionTimeout}.");
    }

    [Fact]
    public void WebhookPathCheck_AtTheLongestWaitsTheSettingsAllow_EndsBeforeTheFunctionTimeout()
    {
        // The hand-over wait is bounded by what is left of the switch timeout; the last request may run its own timeout past it.
        var longest = Maximum<FailoverDrillOptions>(nameof(FailoverDrillOptions.SwitchTimeout)) + Maximum<ProbeOptions>(nameof(ProbeOptions.ProbeRequestTimeout)) + Bookkeeping;

        Assert.True(longest < FunctionTimeout, $"A path check may run {longest} against a functionTimeout of {FunctionTimeout}.");
    }

    private static TimeSpan Maximum<TOptions>(string property)
    {
        var range = typeof(TOptions).GetProperty(property)!.GetCustomAttribute<RangeAttribute>()!;
        return TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture);
    }
}
