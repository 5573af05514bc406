using System.IO.Compression;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Tests.Identity;
using AstroBot.Continuity.Tests.Portability.WhatsApp;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

/// <summary>
/// The inbox with the identity directory, end to end on the emulators: users who hide their number behind a
/// username, changes of number, and every continuity feature following the person.
/// </summary>
public sealed class InboxProcessorIdentityTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    // Near the real time: Azurite checks the export links' SAS expiry against its own clock.
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow().AddMinutes(-1);
    private static int next = 500;

    [Fact]
    public async Task ProcessAsync_UsernameUserWithoutANumber_ReachesTheBotUnderAMintedKeyWithABsuidToReplyTo()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var bsuid = NewBsuid();

        var wamid = await host.SendAsAsync(new UserIdentifiers(null, bsuid, null, "moonchild"), "What does Venus in Leo mean?");

        var message = Assert.Single(await host.BotMessagesAsync());
        Assert.Equal(wamid, message.Wamid);
        Assert.True(UserKey.IsMinted(message.UserKey), message.UserKey);
        Assert.Equal(new BotReplyAddress(null, bsuid), message.ReplyTo);
        Assert.Null(message.From);
        Assert.Equal((bsuid, "moonchild"), (message.FromUserId, message.Username));
    }

    [Fact]
    public async Task ProcessAsync_HelpFromAUsernameUser_IsAnsweredThroughRecipient()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var bsuid = NewBsuid();

        await host.SendAsAsync(new UserIdentifiers(null, bsuid, null, "moonchild"), "HELP");

        var reply = Assert.Single(host.Sink.MessagesTo(bsuid));
        Assert.True(reply.ToBsuid);
        Assert.Equal(HelpCommandHandler.HelpText, reply.Text);
    }

    [Fact]
    public async Task ProcessAsync_KnownUserWhoNowHidesTheirNumber_KeepsTheirKeyAndRepliesStillGoToTheNumber()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[0];
        var bsuid = NewBsuid();
        await host.SendAsAsync(new UserIdentifiers(user.WaId, bsuid), "hi");

        await host.SendAsAsync(new UserIdentifiers(null, bsuid, null, "sunsign"), "HELP");

        Assert.All((await host.BotMessagesAsync()).Select(message => message.UserKey), key => Assert.Equal(user.WaId, key));
        var reply = Assert.Single(host.Sink.MessagesTo(user.WaId));
        Assert.False(reply.ToBsuid);
    }

    [Fact]
    public async Task ProcessAsync_ChangeOfNumberDeliveredTwice_TellsTheBotOnceAndTheNewNumberKeepsTheKey()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[1];
        var (oldBsuid, newBsuid, newPhone) = (NewBsuid(), NewBsuid(), NewPhone());
        await host.SendAsAsync(new UserIdentifiers(user.WaId, oldBsuid), "hi");
        var change = IdentityWebhooks.NumberChanged(user.WaId, oldBsuid, newPhone, newBsuid, "wamid.change-" + Guid.NewGuid().ToString("N"), host.Now);

        await host.ProcessAsync(change);
        await host.ProcessAsync(change);
        await host.SendAsAsync(new UserIdentifiers(newPhone, newBsuid), "still me");

        var queue = await host.BotQueueAsync();
        var changed = Assert.Single(queue.OfType<BotIdentityChanged>());
        Assert.Equal((user.WaId, "user_changed_number", newPhone, newBsuid), (changed.UserKey, changed.Change, changed.Phone, changed.UserId));
        Assert.Equal(new BotReplyAddress(newPhone, null), changed.ReplyTo);
        Assert.All(queue.OfType<BotInboundMessage>(), message => Assert.Equal(user.WaId, message.UserKey));
        Assert.Equal(new BotReplyAddress(newPhone, null), queue.OfType<BotInboundMessage>().Last().ReplyTo);
    }

    [Fact]
    public async Task Export_FromTheNewNumberAfterAChange_HoldsTheWholeHistoryAndListsBothNumbers()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[2];
        var (oldBsuid, newBsuid, newPhone) = (NewBsuid(), NewBsuid(), NewPhone());
        await host.SendAsAsync(new UserIdentifiers(user.WaId, oldBsuid), "hi");
        await host.ProcessAsync(IdentityWebhooks.NumberChanged(user.WaId, oldBsuid, newPhone, newBsuid, NewWamid(), host.Now));

        await host.SendAsAsync(new UserIdentifiers(newPhone, newBsuid), "EXPORT");
        var requestedAt = host.Now;
        await host.SendAsAsync(new UserIdentifiers(newPhone, newBsuid), "YES");
        Assert.Equal(1, await host.DrainExportRequestsAsync());
        Assert.True((await host.WaitForExportAsync(user.WaId, requestedAt)).Delivered);

        var link = Assert.Single(host.Sink.MessagesTo(newPhone), message => message.Type == "document");
        var document = await DataJsonAsync(link.DocumentLink!);
        Assert.Equal(user.WaId, (string?)document["wa_id"]);
        Assert.Equal(user.Documents.Count(), ExportDocument.Collections.Sum(collection => document[collection.Property] switch
        {
            JsonArray items => items.Count,
            JsonObject => 1,
            _ => 0,
        }));
        var identifiers = document["identifiers"]!.AsArray().Select(entry => ((string?)entry!["kind"], (string?)entry["value"])).ToList();
        Assert.Contains(("phone", user.WaId), identifiers);
        Assert.Contains(("phone", newPhone), identifiers);
        Assert.Contains(("bsuid", newBsuid), identifiers);
    }

    [Fact]
    public async Task DeleteMyData_FromTheNewNumber_LeavesNothingOfTheOldOne()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[3];
        var (oldBsuid, newBsuid, newPhone) = (NewBsuid(), NewBsuid(), NewPhone());
        var keys = host.Get<UserKeyStore>();
        await keys.GetOrCreateAsync(user.WaId, CancellationToken.None); // as a backup run does
        await host.SendAsAsync(new UserIdentifiers(user.WaId, oldBsuid), "hi");
        await host.ProcessAsync(IdentityWebhooks.NumberChanged(user.WaId, oldBsuid, newPhone, newBsuid, NewWamid(), host.Now));

        await host.SendAsAsync(new UserIdentifiers(newPhone, newBsuid), "DELETE MY DATA");
        await host.SendAsAsync(new UserIdentifiers(newPhone, newBsuid), "YES");

        Assert.Equal(PortabilityReplies.DataDeleted, ExportFlow.TextsTo(host, newPhone)[^1]);
        Assert.All((await host.Get<UserDataReader>().ReadAsync(user.WaId, CancellationToken.None)).Values, Assert.Empty);
        Assert.Null(await keys.FindAsync(UserReferences.For(user.WaId), CancellationToken.None));
        Assert.Contains(UserReferences.For(user.WaId), (await host.Get<ErasureJournal>().LoadAsync(CancellationToken.None)).Keys);
        Assert.Null(await host.Get<IdentityDirectory>().GetPersonAsync(user.WaId, CancellationToken.None));
        Assert.Null(await host.Get<IdentityLookup>().FindAsync(oldBsuid, CancellationToken.None));
        Assert.Null(await host.Get<IdentityLookup>().FindAsync(newBsuid, CancellationToken.None));
        Assert.Null(await host.Get<MessageLedger>().GetLastInboundAtAsync(user.WaId, CancellationToken.None));
    }

    [Fact]
    public async Task ExportAndDeleteMyData_ForAUsernameUserWithoutANumber_WorkThroughTheirBsuid()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var sender = new UserIdentifiers(null, NewBsuid(), null, "stargazer");
        await host.SendAsAsync(sender, "EXPORT");
        var requestedAt = host.Now;
        await host.SendAsAsync(sender, "YES");
        var key = Assert.Single((await host.BotQueueAsync()).Select(m => m.UserKey).Concat([(await host.Get<IdentityLookup>().FindAsync(sender.Bsuid!, CancellationToken.None))!.UserKey]).Distinct());
        Assert.Equal(1, await host.DrainExportRequestsAsync());
        Assert.True((await host.WaitForExportAsync(key, requestedAt)).Delivered);
        var link = Assert.Single(host.Sink.MessagesTo(sender.Bsuid), message => message.Type == "document");
        Assert.True(link.ToBsuid);
        Assert.Contains(("username", "stargazer"), (await DataJsonAsync(link.DocumentLink!))["identifiers"]!.AsArray().Select(entry => ((string?)entry!["kind"], (string?)entry["value"])));

        await host.SendAsAsync(sender, "DELETE MY DATA");
        await host.SendAsAsync(sender, "YES");

        Assert.Equal(PortabilityReplies.DataDeleted, ExportFlow.TextsTo(host, sender.Bsuid!)[^1]);
        Assert.Null(await host.Get<IdentityDirectory>().GetPersonAsync(key, CancellationToken.None));
        Assert.Empty(await host.ExportBlobNamesAsync());
    }

    private static async Task<JsonObject> DataJsonAsync(string link)
    {
        using var http = new HttpClient();
        await using var zip = new ZipArchive(new MemoryStream(await http.GetByteArrayAsync(new Uri(link))));
        await using var dataJson = await zip.GetEntry("data.json")!.OpenAsync();
        return (await JsonNode.ParseAsync(dataJson))!.AsObject();
    }

    private static string NewPhone() => "1444" + Interlocked.Increment(ref next).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewBsuid() => "US.4" + Interlocked.Increment(ref next).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewWamid() => "wamid.system-" + Guid.NewGuid().ToString("N");
}
