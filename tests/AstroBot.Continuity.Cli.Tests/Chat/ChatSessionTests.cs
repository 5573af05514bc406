using System.IO.Compression;
using System.Text.Json;
using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Cli.Tests.LocalHost;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Chat;

/// <summary>A person's conversation with the local host, end to end: signed webhook in, Graph API reply out.</summary>
public class ChatSessionTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task SayAsync_Help_GetsTheContinuityHelp()
    {
        var sut = await StartSessionAsync(ChatUser.WithPhone("15550001001", "Test User"));

        var exchange = await sut.SayAsync("HELP", CancellationToken.None);

        Assert.Equal(200, exchange.WebhookStatus);
        var reply = Assert.Single(exchange.Replies);
        Assert.Equal("text", reply.Type);
        Assert.Contains("EXPORT", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayAsync_OrdinaryMessage_IsAnsweredByTheBotStandIn()
    {
        var sut = await StartSessionAsync(ChatUser.WithPhone("15550001002", "Test User"));

        var exchange = await sut.SayAsync("What does my horoscope say today? ✨", CancellationToken.None);

        Assert.Equal(200, exchange.WebhookStatus);
        Assert.NotEmpty(exchange.Replies);
        Assert.All(exchange.Replies, reply => Assert.Equal("15550001002", reply.To));
    }

    [Fact]
    public async Task SayAsync_TwoUsers_EachSeesOnlyTheirOwnReplies()
    {
        var first = await StartSessionAsync(ChatUser.WithPhone("15550001003", "Test User"));
        var second = await StartSessionAsync(ChatUser.WithPhone("15550001004", "Test User"));

        var firstExchange = await first.SayAsync("HELP", CancellationToken.None);
        var secondExchange = await second.SayAsync("HELP", CancellationToken.None);

        Assert.All(firstExchange.Replies, reply => Assert.Equal("15550001003", reply.To));
        Assert.All(secondExchange.Replies, reply => Assert.Equal("15550001004", reply.To));
    }

    [Fact]
    public async Task SayAsync_PhoneUser_IsKnownByTheirNumberAndTheBsuidDerivedFromIt()
    {
        var user = ChatUser.WithPhone("15550001005", "Test User");
        var sut = await StartSessionAsync(user);

        await sut.SayAsync("HELP", CancellationToken.None);

        var person = await FindAsync("bsuid:" + user.Identifiers.Bsuid);
        Assert.Equal("15550001005", person?.UserKey);
    }

    [Fact]
    public async Task SayAsync_UsernameUser_IsAnsweredAtTheirBsuid()
    {
        var user = ChatUser.WithUsername("chat.replies", "Test User");
        var sut = await StartSessionAsync(user);

        var exchange = await sut.SayAsync("HELP", CancellationToken.None);

        Assert.Equal(200, exchange.WebhookStatus);
        var reply = Assert.Single(exchange.Replies);
        Assert.Equal(user.Identifiers.Bsuid, reply.To);
        Assert.True(reply.ToBsuid);
        var person = await FindAsync("@chat.replies");
        Assert.True(UserKey.IsMinted(person?.UserKey), person?.UserKey);
    }

    [Fact]
    public async Task SayAsync_ExportThenYes_BringsAWorkingLinkToTheUsersData()
    {
        // What a person does in `continuity chat`: a seeded user asks, confirms, and downloads.
        var user = await SeedUserAsync(5150);
        var sut = await StartSessionAsync(ChatUser.WithPhone(user.WaId, "Test User"));

        var asked = await sut.SayAsync("EXPORT", CancellationToken.None);
        var confirmed = await sut.SayAsync("YES", CancellationToken.None);
        var document = await LinkArrivesAsync(sut, [.. confirmed.Replies]);

        Assert.Contains("Reply YES", Assert.Single(asked.Replies).Text, StringComparison.Ordinal);
        using var data = await DownloadAsync(document);
        Assert.Equal(user.WaId, data.RootElement.GetProperty("wa_id").GetString());
        Assert.Equal(user.Readings.Count, data.RootElement.GetProperty("readings").GetArrayLength());
    }

    [Fact]
    public async Task SayAsync_UsernameUserExportThenYes_BringsALinkToTheirData()
    {
        var user = ChatUser.WithUsername("chat.exporter", "Test User");
        var sut = await StartSessionAsync(user);

        var asked = await sut.SayAsync("EXPORT", CancellationToken.None);
        var confirmed = await sut.SayAsync("YES", CancellationToken.None);
        var document = await LinkArrivesAsync(sut, [.. confirmed.Replies]);

        Assert.Contains("Reply YES", Assert.Single(asked.Replies).Text, StringComparison.Ordinal);
        Assert.Equal(user.Identifiers.Bsuid, document.To);
        var person = await FindAsync("@chat.exporter");
        using var data = await DownloadAsync(document);
        Assert.Equal(person?.UserKey, data.RootElement.GetProperty("wa_id").GetString());
        Assert.Contains(data.RootElement.GetProperty("audit").EnumerateArray(), record => record.GetProperty("event").GetString() == "export_requested");
    }

    [Fact]
    public async Task ChangeNumberAsync_PhoneUser_TheNewNumberKeepsTheirHistory()
    {
        const string newNumber = "447700900101";
        var user = await SeedUserAsync(5151);
        var sut = await StartSessionAsync(ChatUser.WithPhone(user.WaId, "Test User"));
        await sut.SayAsync("HELP", CancellationToken.None);

        var change = await sut.ChangeNumberAsync(newNumber, CancellationToken.None);
        await ChangeAppliedAsync("bsuid:" + change.After.Identifiers.Bsuid, user.WaId);
        var asked = await sut.SayAsync("EXPORT", CancellationToken.None);
        var confirmed = await sut.SayAsync("YES", CancellationToken.None);
        var document = await LinkArrivesAsync(sut, [.. confirmed.Replies]);

        Assert.Equal(ChatNumberChangeOutcome.Changed, change.Outcome);
        Assert.Equal("user_changed_number", change.SystemMessage);
        Assert.Equal(newNumber, sut.User.Identifiers.Phone);
        Assert.NotEqual(change.Before.Identifiers.Bsuid, sut.User.Identifiers.Bsuid);
        Assert.Equal(newNumber, Assert.Single(asked.Replies).To);
        Assert.Equal(newNumber, document.To);
        using var data = await DownloadAsync(document);
        Assert.Equal(user.WaId, data.RootElement.GetProperty("wa_id").GetString());
        Assert.Equal(user.Readings.Count, data.RootElement.GetProperty("readings").GetArrayLength());
        Assert.Equal(user.Messages.Count, data.RootElement.GetProperty("messages").GetArrayLength());
        Assert.Equal(user.WaId, (await FindAsync(newNumber))?.UserKey);
    }

    [Fact]
    public async Task ChangeNumberAsync_UsernameUser_ChangesOnlyTheBsuidAndStaysTheSamePerson()
    {
        var sut = await StartSessionAsync(ChatUser.WithUsername("chat.mover", "Test User"));
        await sut.SayAsync("HELP", CancellationToken.None);
        var person = await FindAsync("@chat.mover");

        var change = await sut.ChangeNumberAsync("447700900102", CancellationToken.None);
        await ChangeAppliedAsync("bsuid:" + change.After.Identifiers.Bsuid, person!.UserKey);
        var exchange = await sut.SayAsync("HELP", CancellationToken.None);

        Assert.Equal(ChatNumberChangeOutcome.Changed, change.Outcome);
        Assert.Equal("user_changed_user_id", change.SystemMessage);
        Assert.Null(sut.User.Identifiers.Phone);
        Assert.Equal(sut.User.Identifiers.Bsuid, Assert.Single(exchange.Replies).To);
        Assert.Equal(person.UserKey, (await FindAsync("bsuid:" + change.Before.Identifiers.Bsuid))?.UserKey);
        Assert.Equal(person.UserKey, (await FindAsync("@chat.mover"))?.UserKey);
    }

    [Fact]
    public async Task ChangeNumberAsync_ToTheSameNumber_SendsNothing()
    {
        var sut = await StartSessionAsync(ChatUser.WithPhone("15550001006", "Test User"));

        var change = await sut.ChangeNumberAsync("15550001006", CancellationToken.None);

        Assert.Equal(ChatNumberChangeOutcome.Unchanged, change.Outcome);
        Assert.Null(change.WebhookStatus);
        Assert.Equal("15550001006", sut.User.Identifiers.Phone);
    }

    [Fact]
    public async Task LateRepliesAsync_ReplyToTheOldNumberAfterAChange_IsStillShown()
    {
        var sut = await StartSessionAsync(ChatUser.WithPhone("15550001007", "Test User"));
        await sut.ChangeNumberAsync("447700900103", CancellationToken.None);

        // A reply the host sent to the old number after the change (one already on its way).
        await host.Services.GetRequiredService<AstroBot.Continuity.WhatsApp.Graph.ReplySender>()
            .SendTextAsync("15550001007", AstroBot.Continuity.WhatsApp.MessageRecipient.ToPhone("15550001007"), "late", DateTimeOffset.UtcNow, CancellationToken.None);
        var late = await sut.LateRepliesAsync(CancellationToken.None);

        Assert.Contains(late, reply => reply is { To: "15550001007", Text: "late" });
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

    // The system message is queued like any webhook; the test goes on once the host applied it, as a person would.
    private async Task ChangeAppliedAsync(string newIdentifier, string userKey)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await FindAsync(newIdentifier))?.UserKey != userKey)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private async Task<JsonDocument> DownloadAsync(SinkMessage document)
    {
        using var download = await host.Http.GetAsync(new Uri(document.DocumentLink!));
        download.EnsureSuccessStatusCode();
        using var archive = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        return await JsonDocument.ParseAsync(archive.GetEntry("data.json")!.Open());
    }

    private async Task<UserDataSet> SeedUserAsync(int seed)
    {
        var request = new SeedRequest(Users: 1, ReadingsPerUser: 3, Seed: seed, DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<SeedWriter>().WriteAsync(request, null, CancellationToken.None);
        return SeedGenerator.GenerateUser(request, 0);
    }

    private Task<PersonMatch?> FindAsync(string reference) => host.Services.GetRequiredService<IdentityLookup>().FindAsync(reference, CancellationToken.None);

    private async Task<ChatSession> StartSessionAsync(ChatUser user)
    {
        var endpoints = new ChatEndpoints(new Uri(host.BaseUri, "api/whatsapp/webhook"), host.Sink.BaseUri, LocalHostFixture.PhoneNumberId);
        var session = new ChatSession(host.Http, endpoints, new WebhookSignature(LocalHostFixture.AppSecret), user, TimeProvider.System);
        await session.StartAsync(CancellationToken.None);
        return session;
    }
}
