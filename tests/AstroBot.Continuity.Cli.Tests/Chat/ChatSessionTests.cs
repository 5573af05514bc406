using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Cli.Tests.LocalHost;
using AstroBot.Continuity.WhatsApp.Webhooks;

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

    private async Task<ChatSession> StartSessionAsync(string waId)
    {
        var endpoints = new ChatEndpoints(new Uri(host.BaseUri, "api/whatsapp/webhook"), host.Sink.BaseUri, LocalHostFixture.PhoneNumberId);
        var session = new ChatSession(host.Http, endpoints, new WebhookSignature(LocalHostFixture.AppSecret), new ChatUser(waId, "Test User"), TimeProvider.System);
        await session.StartAsync(CancellationToken.None);
        return session;
    }
}
