using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Portability.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Local.Tests.Portability.WhatsApp;

/// <summary>The local host's wiring: <c>AddPortabilityLocalWorkers</c> and <c>AddPortabilityTasks</c> on the real clock.</summary>
[Trait("Category", "Emulators")]
public sealed class ExportRequestPumpTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    [Fact]
    [Trait("Category", "RealClock")]
    public async Task ExecuteAsync_ConfirmedExport_IsScheduledInTheBackgroundAndTheLinkArrives()
    {
        // The real clock is the point: the pump running in the background as `continuity serve` runs it, polling on
        // the host's clock (a fake one would hold it in its idle wait), with the Durable Task engine on its own.
        // The test waits for what the pump brings about, not for a time; the bound only stops a broken pump from hanging it.
        await using var host = await PortabilityHost.StartAsync(data, clockStart: null);
        var waId = data.Users[0].WaId;
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ExportRequestPump>());

        await host.SendAsync(waId, "EXPORT");
        await host.SendAsync(waId, "YES");

        await Eventually.HoldsAsync(() => host.Sink.MessagesTo(waId).Any(message => message.Type == "document"), TimeSpan.FromMinutes(1));

        Assert.Single(await host.ExportBlobNamesAsync());

        // The pump deletes the request after scheduling the export, which runs meanwhile: the link can come first.
        await Eventually.HoldsAsync(async _ => await host.ExportRequestCountAsync() == 0, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task DrainOnceAsync_NotAnExportRequest_EndsInThePoisonQueueAfterItsAttempts()
    {
        await using var host = await PortabilityHost.StartAsync(data, TimeProvider.System.GetUtcNow(), new Dictionary<string, string?> { ["FrontDoor:MaxDequeueCount"] = "2" });
        await host.ExportRequests.CreateIfNotExistsAsync();
        await host.ExportRequests.SendMessageAsync("not an export request");

        Assert.Equal(1, await host.DrainExportRequestsAsync());
        Assert.Equal(1, await host.DrainExportRequestsAsync());

        var poison = host.Get<StorageClients>().Queues.GetQueueClient($"{host.Options.ExportRequestQueueName}-poison");
        Assert.Single((await poison.PeekMessagesAsync()).Value);
        Assert.Equal(0, await host.ExportRequestCountAsync());
    }
}
