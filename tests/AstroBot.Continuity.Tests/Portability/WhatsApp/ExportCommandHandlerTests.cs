using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.WhatsApp;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

[Trait("Category", "Emulators")]
public sealed class ExportCommandHandlerTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task HandleAsync_Export_AsksForAYesWithinTheWindowAndExportsNothingYet()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[0].WaId;

        await host.SendAsync(waId, "export");

        var ask = Assert.Single(host.Sink.MessagesTo(waId));
        Assert.Equal(PortabilityReplies.AskExport(TimeSpan.FromMinutes(10)), ask.Text);
        Assert.Contains("YES within 10 minutes", ask.Text, StringComparison.Ordinal);
        Assert.Equal(0, await host.ExportRequestCountAsync());
        Assert.Empty(await host.BotMessagesAsync());
    }

    [Fact]
    public async Task HandleAsync_ExportButton_AsksTheConfiguredWindow()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now, new Dictionary<string, string?> { ["Portability:ConfirmationWindow"] = "00:05:00" });
        var waId = data.Users[0].WaId;

        await host.Get<InboxProcessor>().ProcessAsync(
            PortabilityWebhooks.Button(waId, host.NextWamid(), "export", "Export my data", host.Now), CancellationToken.None);

        Assert.Equal(PortabilityReplies.AskExport(TimeSpan.FromMinutes(5)), Assert.Single(host.Sink.MessagesTo(waId)).Text);
    }

    [Fact]
    public async Task HandleAsync_ExportAgainWithin24Hours_SendsAFreshLinkToTheSameBlobWithoutAskingOrExportingAgain()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[1].WaId;
        var first = await ExportFlow.ExportAsync(host, waId);
        var blobs = await host.ExportBlobNamesAsync();
        var sentBefore = host.Sink.MessagesTo(waId).Count;

        host.Clock!.Advance(TimeSpan.FromHours(3));
        await host.SendAsync(waId, "EXPORT");

        var again = host.Sink.MessagesTo(waId).Skip(sentBefore).ToList();
        Assert.Equal(["document", "text"], again.Select(message => message.Type));
        var firstLink = new Uri(first.DocumentLink!);
        var secondLink = new Uri(again[0].DocumentLink!);
        Assert.Equal(firstLink.AbsolutePath, secondLink.AbsolutePath);
        Assert.NotEqual(firstLink.Query, secondLink.Query);
        Assert.Equal(Query(firstLink)["se"], Query(secondLink)["se"]);
        Assert.Equal(first.DocumentFileName, again[0].DocumentFileName);
        Assert.Equal(ExportFlow.TextsTo(host, waId)[^1], again[1].Text);
        Assert.DoesNotContain(PortabilityReplies.AskExport(host.Options.ConfirmationWindow), ExportFlow.TextsTo(host, waId).Skip(1));
        Assert.Equal(blobs, await host.ExportBlobNamesAsync());
        Assert.Equal(0, await host.ExportRequestCountAsync());
    }

    [Fact]
    public async Task HandleAsync_ExportWhileTheLastIsBeingPrepared_SaysSoAndQueuesNothing()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[2].WaId;
        await host.SendAsync(waId, "EXPORT");
        await host.SendAsync(waId, "YES");

        await host.SendAsync(waId, "EXPORT");

        Assert.Equal(
            [PortabilityReplies.AskExport(host.Options.ConfirmationWindow), PortabilityReplies.ExportStarted, PortabilityReplies.ExportPending],
            ExportFlow.TextsTo(host, waId));
        Assert.Equal(1, await host.ExportRequestCountAsync());
    }

    [Fact]
    public async Task HandleAsync_ExportAfterTheCooldownAndExpiry_AsksAgain()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[3].WaId;
        await ExportFlow.ExportAsync(host, waId);

        host.Clock!.Advance(TimeSpan.FromHours(25));
        await host.SendAsync(waId, "EXPORT");

        Assert.Equal(PortabilityReplies.AskExport(host.Options.ConfirmationWindow), ExportFlow.TextsTo(host, waId)[^1]);
    }

    private static Dictionary<string, string> Query(Uri link) =>
        link.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
}
