using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using Azure;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

[Trait("Category", "Emulators")]
public sealed class PortabilityConfirmationGateTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task InspectAsync_YesAfterExport_QueuesTheExportAndTheLinkArrivesAsADocument()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[0].WaId;

        var document = await ExportFlow.ExportAsync(host, waId);

        Assert.StartsWith(host.Exports.Uri.ToString(), document.DocumentLink, StringComparison.Ordinal);
        Assert.Matches(@"^astrobot-export-\d{4}-\d{2}-\d{2}\.zip$", document.DocumentFileName);
        Assert.Equal(PortabilityReplies.ExportCaption, document.Caption);
        var texts = ExportFlow.TextsTo(host, waId);
        Assert.Equal(PortabilityReplies.ExportStarted, texts[1]);
        Assert.StartsWith("The link works until ", texts[^1], StringComparison.Ordinal);
        Assert.Empty(await host.BotMessagesAsync());
    }

    [Theory]
    [InlineData("no")]
    [InlineData("What does my chart say?")]
    public async Task InspectAsync_AnythingButYes_CancelsAndTheMessageStillGoesToTheBot(string text)
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[1].WaId;
        await host.SendAsync(waId, "EXPORT");

        var wamid = await host.SendAsync(waId, text);

        Assert.Equal(PortabilityReplies.ExportCancelled, ExportFlow.TextsTo(host, waId)[^1]);
        var routed = Assert.Single(await host.BotMessagesAsync());
        Assert.Equal((wamid, text), (routed.Wamid, routed.Text));
        Assert.Equal(0, await host.ExportRequestCountAsync());

        // The question is gone: a YES now is an ordinary message.
        await host.SendAsync(waId, "YES");
        Assert.Equal(2, (await host.BotMessagesAsync()).Count);
    }

    [Fact]
    public async Task InspectAsync_AnotherCommand_CancelsAndThatCommandRuns()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[1].WaId;
        await host.SendAsync(waId, "DELETE MY DATA");

        await host.SendAsync(waId, "HELP");

        Assert.Equal(
            [PortabilityReplies.AskDelete(host.Options.ConfirmationWindow), PortabilityReplies.DeleteCancelled, HelpCommandHandler.HelpText],
            ExportFlow.TextsTo(host, waId));
    }

    [Fact]
    public async Task InspectAsync_YesAfterTheWindow_IsAnOrdinaryMessage()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[2].WaId;
        await host.SendAsync(waId, "EXPORT");

        host.Clock!.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var wamid = await host.SendAsync(waId, "YES");

        Assert.Equal(wamid, Assert.Single(await host.BotMessagesAsync()).Wamid);
        Assert.Equal(0, await host.ExportRequestCountAsync());
        Assert.Single(host.Sink.MessagesTo(waId));
    }

    [Fact]
    public async Task InspectAsync_YesRedeliveredAfterACrash_StartsOneExport()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[3].WaId;
        await host.SendAsync(waId, "EXPORT");
        var requestedAt = host.Now;
        var yes = PortabilityWebhooks.Text(waId, host.NextWamid(), "YES", host.Now);
        var inbox = host.Get<InboxProcessor>();
        await inbox.ProcessAsync(yes, CancellationToken.None);

        // A crash between routing and marking the wamid processed: the queue delivers the webhook again.
        await ForgetProcessedAsync(host, yes);
        await inbox.ProcessAsync(yes, CancellationToken.None);
        await inbox.ProcessAsync(yes, CancellationToken.None);

        Assert.Equal(2, await host.DrainExportRequestsAsync());
        Assert.True((await host.WaitForExportAsync(waId, requestedAt)).Delivered);
        Assert.Equal(0, await host.DrainExportRequestsAsync());
        Assert.Single(await host.ExportBlobNamesAsync());
        Assert.Single(host.Sink.MessagesTo(waId), message => message.Type == "document");
        Assert.Empty(await host.BotMessagesAsync());
    }

    [Fact]
    public async Task InspectAsync_YesToDeleteMyData_ErasesEverythingAndSaysSo()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[7];
        var keys = host.Get<UserKeyStore>();
        await keys.GetOrCreateAsync(user.WaId, CancellationToken.None);
        await ExportFlow.ExportAsync(host, user.WaId);
        Assert.NotEmpty((await host.Get<UserDataReader>().ReadAsync(user.WaId, CancellationToken.None)).Values.SelectMany(items => items));

        await host.SendAsync(user.WaId, "DELETE MY DATA");
        await host.SendAsync(user.WaId, "yes");

        Assert.Equal(PortabilityReplies.DataDeleted, ExportFlow.TextsTo(host, user.WaId)[^1]);
        Assert.Contains("backups can no longer be read", PortabilityReplies.DataDeleted, StringComparison.Ordinal);
        Assert.All((await host.Get<UserDataReader>().ReadAsync(user.WaId, CancellationToken.None)).Values, Assert.Empty);
        Assert.Null(await keys.FindAsync(UserReferences.For(user.WaId), CancellationToken.None));
        Assert.Empty(await host.ExportBlobNamesAsync());
        Assert.Empty(await host.Get<Continuity.Portability.Links.ExportRecords>().ListAsync(user.WaId, CancellationToken.None));
        Assert.Null(await host.Get<PendingConfirmations>().GetAsync(user.WaId, CancellationToken.None));
        Assert.Contains(UserReferences.For(user.WaId), (await host.Get<Continuity.Backup.ErasureJournal>().LoadAsync(CancellationToken.None)).Keys);
        Assert.Empty(await host.BotMessagesAsync());
    }

    private static async Task ForgetProcessedAsync(PortabilityHost host, string envelope)
    {
        var body = WebhookEnvelope.FromQueueText(envelope).Body!;
        var wamid = System.Text.Json.JsonDocument.Parse(body).RootElement
            .GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("messages")[0].GetProperty("id").GetString()!;
        var table = host.Get<StorageClients>().Tables.GetTableClient(host.Get<IOptions<FrontDoorOptions>>().Value.LedgerTableName);
        await table.DeleteEntityAsync(LedgerKey.Escape(wamid), "inbound", ETag.All);
        Assert.False(await host.Get<MessageLedger>().IsProcessedAsync(wamid, CancellationToken.None));
    }
}
