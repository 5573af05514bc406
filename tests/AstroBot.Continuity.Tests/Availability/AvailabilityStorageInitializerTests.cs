using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.Configuration;
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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.UnreachableStorageConnectionString,
            ["WhatsApp:AppSecret"] = FrontDoorHarness.AppSecret,
            ["WhatsApp:VerifyToken"] = FrontDoorHarness.VerifyToken,
            ["WhatsApp:AccessToken"] = "token",
            ["WhatsApp:PhoneNumberId"] = FrontDoorHarness.PhoneNumberId,
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddContinuityStorage(configuration)
            .AddWhatsApp(configuration)
            .AddFrontDoor(configuration)
            .BuildServiceProvider();
        var sut = Initializer(services);

        await sut.StartAsync(CancellationToken.None);
        time.Advance(AvailabilityStorageInitializer.RetryInterval);

        Assert.False(sut.Created.IsCompleted);
        await sut.StopAsync(CancellationToken.None);
        Assert.True(sut.Created.IsCompleted);
    }

    private static AvailabilityStorageInitializer Initializer(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<AvailabilityStorageInitializer>().Single();
}
