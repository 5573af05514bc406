using System.IO.Compression;
using System.Text.Json;
using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Cli.Tests.LocalHost;
using AstroBot.Continuity.Data.Seed;
using AstroBot.Continuity.WhatsApp.Sink;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Chat;

/// <summary>A person's conversation with the local host, end to end: signed webhook in, Graph API reply out.</summary>
public class ChatSessionTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task SayAsync_Help_GetsTheContinuityHelp()
    {
        var sut = await StartSessionAsync("15550001001");

        var exchange = await sut.SayAsync("HELP", CancellationToken.None);

        Assert.Equal(200, exchange.WebhookStatus);
        var reply = Assert.Single(exchange.Replies);
        Assert.Equal("text", reply.Type);
        Assert.Contains("EXPORT", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayAsync_OrdinaryMessage_IsAnsweredByTheBotStandIn()
    {
        var sut = await StartSessionAsync("15550001002");

        var exchange = await sut.SayAsync("What does my horoscope say today? ✨", CancellationToken.None);

        Assert.Equal(200, exchange.WebhookStatus);
        Assert.NotEmpty(exchange.Replies);
        Assert.All(exchange.Replies, reply => Assert.Equal("15550001002", reply.To));
    }

    [Fact]
    public async Task SayAsync_TwoUsers_EachSeesOnlyTheirOwnReplies()
    {
        var first = await StartSessionAsync("15550001003");
        var second = await StartSessionAsync("15550001004");

        var firstExchange = await first.SayAsync("HELP", CancellationToken.None);
        var secondExchange = await second.SayAsync("HELP", CancellationToken.None);

        Assert.All(firstExchange.Replies, reply => Assert.Equal("15550001003", reply.To));
        Assert.All(secondExchange.Replies, reply => Assert.Equal("15550001004", reply.To));
    }

    [Fact]
    public async Task SayAsync_ExportThenYes_BringsAWorkingLinkToTheUsersData()
    {
        // What a person does in `continuity chat`: a seeded user asks, confirms, and downloads.
        var seed = new SeedRequest(Users: 1, ReadingsPerUser: 3, Seed: 5150, DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<SeedWriter>().WriteAsync(seed, null, CancellationToken.None);
        var user = SeedGenerator.GenerateUser(seed, 0);
        var sut = await StartSessionAsync(user.WaId);

        var asked = await sut.SayAsync("EXPORT", CancellationToken.None);
        var confirmed = await sut.SayAsync("YES", CancellationToken.None);
        var document = await LinkArrivesAsync(sut, [.. confirmed.Replies]);

        Assert.Contains("Reply YES", Assert.Single(asked.Replies).Text, StringComparison.Ordinal);
        using var download = await host.Http.GetAsync(new Uri(document.DocumentLink!));
        download.EnsureSuccessStatusCode();
        using var archive = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var data = await JsonDocument.ParseAsync(archive.GetEntry("data.json")!.Open());
        Assert.Equal(user.WaId, data.RootElement.GetProperty("wa_id").GetString());
        Assert.Equal(user.Readings.Count, data.RootElement.GetProperty("readings").GetArrayLength());
    }

    /// <summary>The export's document message: it comes seconds after the YES, as in the chat between two lines.</summary>
    private static async Task<SinkMessage> LinkArrivesAsync(ChatSession session, List<SinkMessage> replies)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!replies.Exists(reply => reply.Type == "document"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            replies.AddRange(await session.LateRepliesAsync(timeout.Token));
        }

        return replies.Single(reply => reply.Type == "document");
    }

    private async Task<ChatSession> StartSessionAsync(string waId)
    {
        var endpoints = new ChatEndpoints(new Uri(host.BaseUri, "api/whatsapp/webhook"), host.Sink.BaseUri, LocalHostFixture.PhoneNumberId);
        var session = new ChatSession(host.Http, endpoints, new WebhookSignature(LocalHostFixture.AppSecret), new ChatUser(waId, "Test User"), TimeProvider.System);
        await session.StartAsync(CancellationToken.None);
        return session;
    }
}
