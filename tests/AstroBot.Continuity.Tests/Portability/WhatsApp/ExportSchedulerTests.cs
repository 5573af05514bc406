using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Portability.WhatsApp;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

[Trait("Category", "Emulators")]
public sealed class ExportSchedulerTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    [Fact]
    public async Task ScheduleAsync_RequestedAgainAfterAFailure_PurgesTheFinishedRunAndExportsAgain()
    {
        await using var host = await PortabilityHost.StartAsync(data, TimeProvider.System.GetUtcNow());
        var waId = data.Users[0].WaId;
        var records = host.Get<ExportRecords>();
        var sut = host.Get<ExportScheduler>();
        var request = new ExportRequest(ExportRequest.CurrentVersion, waId, ExportRecord.IdFor(host.Now));

        // A run that found no record (erased meanwhile) finishes without a link.
        Assert.True(await sut.ScheduleAsync(request.ToQueueText(), host.Durable, CancellationToken.None));
        Assert.False((await host.WaitForExportAsync(waId, host.Now)).Delivered);

        // The same request while that finished run stands, with nothing requested again: a duplicate.
        Assert.False(await sut.ScheduleAsync(request.ToQueueText(), host.Durable, CancellationToken.None));

        // Requested again (the record says so): the finished run makes way.
        await records.RequestAsync(waId, request.ExportId, host.Now, CancellationToken.None);
        Assert.True(await sut.ScheduleAsync(request.ToQueueText(), host.Durable, CancellationToken.None));
        // The user never wrote (no 24 h window): the template goes out and the link waits for their next EXPORT.
        Assert.False((await host.WaitForExportAsync(waId, host.Now)).Delivered);
        Assert.Equal(ExportState.Ready, (await records.GetAsync(waId, request.ExportId, CancellationToken.None))!.State);
        Assert.Single(await host.ExportBlobNamesAsync());
    }
}
