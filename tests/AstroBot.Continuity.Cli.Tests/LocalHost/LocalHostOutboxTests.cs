using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The Graph API down while a person chats with the local host, end to end: the signed webhook is acknowledged and
/// processed (no poison), the HELP reply waits in the reply outbox, and the host's drain sends it once the Graph API is back.
/// </summary>
public sealed class LocalHostOutboxTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    // WhatsApp:MaxSendAttempts' default: every attempt of the inbox's send fails.
    private const int Attempts = 5;

    [Fact]
    public async Task Help_WhileTheGraphApiIsDown_IsAcknowledgedWaitsInTheOutboxAndArrivesAfterTheDrain()
    {
        var endpoints = new ChatEndpoints(new Uri(host.BaseUri, "api/whatsapp/webhook"), host.Sink.BaseUri, LocalHostFixture.PhoneNumberId);
        var session = new ChatSession(host.Http, endpoints, new WebhookSignature(LocalHostFixture.AppSecret), ChatUser.WithPhone("15550005001", "Test User"), TimeProvider.System)
        {
            ReplyTimeout = TimeSpan.FromMilliseconds(200),
        };
        await session.StartAsync(CancellationToken.None);
        var outbox = host.Services.GetRequiredService<ReplyOutbox>();
        host.Sink.FailNext(500, null, times: Attempts);

        var exchange = await session.SayAsync("HELP", CancellationToken.None);
        await Eventually.HoldsAsync(() => host.Sink.RequestCount >= Attempts, TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(async ct => (await outbox.ReadStatusAsync(ct)).WaitingReplies == 1, TimeSpan.FromSeconds(30));

        Assert.Equal(200, exchange.WebhookStatus);
        Assert.Empty(exchange.Replies);
        var result = await host.Services.GetRequiredService<OutboxDrainJob>().DrainAsync(CancellationToken.None);
        Assert.Equal(1, result.Sent);
        var reply = Assert.Single(await session.LateRepliesAsync(CancellationToken.None));
        Assert.Equal(HelpCommandHandler.HelpText, reply.Text);
    }
}
