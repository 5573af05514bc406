using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class UserMessageQueuesTests
{
    private readonly UserMessageQueues sut = new(Options.Create(new FrontDoorOptions()), Options.Create(new PortabilityOptions()));

    [Fact]
    public void All_Defaults_AreTheQueuesOfTheFrontDoorTheBotAndTheExports()
    {
        Assert.Equal(
            [
                new UserMessageQueue("inbox", "whatsapp-inbox", "whatsapp-inbox-poison", InRegion: true),
                new UserMessageQueue("bot", "bot-inbound", "bot-inbound-poison"),
                new UserMessageQueue("exports", "export-requests", "export-requests-poison", InRegion: true),
            ],
            sut.All);
    }

    [Fact]
    public void All_ConfiguredInboxPoisonQueue_IsTheOneTheLocalHostWrites()
    {
        var configured = new UserMessageQueues(Options.Create(new FrontDoorOptions { PoisonQueueName = "elsewhere" }), Options.Create(new PortabilityOptions()));

        Assert.Equal("elsewhere", configured.All[0].PoisonName);
    }

    [Theory]
    [InlineData("inbox", "whatsapp-inbox")]
    [InlineData("whatsapp-inbox", "whatsapp-inbox")]
    [InlineData("bot", "bot-inbound")]
    [InlineData("export-requests", "export-requests")]
    public void Find_AnAliasOrAConfiguredName_IsThatQueue(string aliasOrName, string expected) =>
        Assert.Equal(expected, sut.Find(aliasOrName)?.Name);

    [Fact]
    public void Find_AnotherName_IsNull() => Assert.Null(sut.Find("orders"));

    [Theory]
    [InlineData("inbox")]
    [InlineData("bot")]
    [InlineData("exports")]
    [InlineData("whatsapp-inbox")]
    [InlineData("orders-2")]
    public void Problem_AnAliasOrAQueueName_IsNone(string name) => Assert.Null(UserMessageQueues.Problem(name));

    [Theory]
    [InlineData("Inbox", "is no queue")]
    [InlineData("a", "is no queue")]
    [InlineData("two--dashes", "is no queue")]
    [InlineData("a-name-so-long-that-its-poison-queue-would-not-be-a-queue-name", "is no queue")]
    [InlineData("whatsapp-inbox-poison", "name the queue its messages go back to, 'whatsapp-inbox'")]
    public void Problem_NotAQueueToRedriveInto_SaysWhy(string name, string expected) =>
        Assert.Contains(expected, UserMessageQueues.Problem(name), StringComparison.Ordinal);
}
