using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability;

public sealed class AvailabilityStorageInitializerTests
{
    [Fact]
    public async Task StartAsync_StorageUp_CreatesEverythingBeforeReturning()
    {
        await using var harness = await FrontDoorHarness.StartAsync();
        var sut = Initializer(harness.Services);

        await sut.StartAsync(CancellationToken.None);

        Assert.True(sut.Created.IsCompletedSuccessfully);
        Assert.True((await harness.InboxQueue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task StartAsync_StorageDown_ReturnsAndKeepsRetryingUntilStopped()
    {
        var time = new FakeTimeProvider();
        await using var harness = await FrontDoorHarness.BuildAsync(
            new Dictionary<string, string?> { ["Storage:ConnectionString"] = EmulatorEndpoints.UnreachableStorageConnectionString },
            services => services.AddSingleton<TimeProvider>(time));
        var sut = Initializer(harness.Services);

        await sut.StartAsync(CancellationToken.None);
        time.Advance(AvailabilityStorageInitializer.RetryInterval);

        Assert.False(sut.Created.IsCompleted);
        await sut.StopAsync(CancellationToken.None);
        Assert.True(sut.Created.IsCompleted);
    }

    private static AvailabilityStorageInitializer Initializer(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<AvailabilityStorageInitializer>().Single();
}
