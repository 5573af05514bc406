using AstroBot.Continuity.Local.Availability;
using AstroBot.Continuity.Local.Availability.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Local.Tests.Availability;

public sealed class LocalAvailabilityServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLocalInboxWorkers_AddsThePumpAndTheStandIn()
    {
        var sut = new ServiceCollection().AddLocalInboxWorkers();

        var hosted = sut.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType).ToList();

        Assert.Contains(typeof(QueueInboxPump), hosted);
        Assert.Contains(typeof(LocalBotStandIn), hosted);
    }
}
