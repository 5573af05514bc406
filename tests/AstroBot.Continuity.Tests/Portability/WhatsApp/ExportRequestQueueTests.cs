using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Availability;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

public sealed class ExportRequestQueueTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;

    public async Task InitializeAsync() => harness = await FrontDoorHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Portability:ExportRequestQueueName"] = EmulatorEndpoints.UniqueName("exportreq"),
        ["Portability:ExportTableName"] = EmulatorEndpoints.UniqueName("exportrows"),
    });

    public async Task DisposeAsync()
    {
        var options = harness.Get<IOptions<PortabilityOptions>>().Value;
        var storage = harness.Get<StorageClients>();
        await storage.Queues.DeleteQueueAsync(options.ExportRequestQueueName);
        await storage.Tables.DeleteTableAsync(options.ExportTableName);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task SubmitAsync_AConfirmedExport_QueuesARequestThatNeverExpires()
    {
        var sut = harness.Get<ExportRequestQueue>();

        await sut.SubmitAsync("15550001234", "20261202", DateTimeOffset.UtcNow, CancellationToken.None);

        var queue = harness.Get<StorageClients>().Queues.GetQueueClient(harness.Get<IOptions<PortabilityOptions>>().Value.ExportRequestQueueName);
        Assert.Equal("20261202", ExportRequest.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(queue))).ExportId);
        await FrontDoorHarness.AssertNoneExpiresAsync(queue);
    }
}
