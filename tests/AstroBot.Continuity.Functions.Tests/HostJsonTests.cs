using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// The queue settings live in host.json for the Functions runtime and in <see cref="FrontDoorOptions"/> for the local
/// host's pumps: they must say the same, or the two hosts would retry, give up and poll differently.
/// </summary>
public class HostJsonTests
{
    private static readonly JsonElement Queues = LoadQueues();
    private static readonly FrontDoorOptions Local = new();

    [Fact]
    public void MaxDequeueCount_IsTheLocalHosts()
    {
        Assert.Equal(Local.MaxDequeueCount, Queues.GetProperty("maxDequeueCount").GetInt32());
    }

    [Fact]
    public void VisibilityTimeout_IsTheLocalHostsRetryDelay()
    {
        // The runtime hides a failed message for visibilityTimeout before its next attempt, as RetryDelay does locally.
        Assert.Equal(Local.RetryDelay, TimeSpanOf("visibilityTimeout"));
    }

    [Fact]
    public void MaxPollingInterval_IsTheLocalHostsMaxPollInterval()
    {
        Assert.Equal(Local.MaxPollInterval, TimeSpanOf("maxPollingInterval"));
    }

    private static TimeSpan TimeSpanOf(string name) =>
        TimeSpan.Parse(Queues.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement LoadQueues() => HostJson.Load().GetProperty("extensions").GetProperty("queues");
}
