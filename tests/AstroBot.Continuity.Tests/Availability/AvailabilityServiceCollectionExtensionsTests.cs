using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability;

public sealed class AvailabilityServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFrontDoor_NoSettings_UsesTheDocumentedDefaults()
    {
        using var services = Build(new Dictionary<string, string?>());

        var sut = services.GetRequiredService<IOptions<FrontDoorOptions>>().Value;

        Assert.Equal("whatsapp-inbox", sut.InboxQueueName);
        Assert.Equal("bot-inbound", sut.BotQueueName);
        Assert.Equal("whatsapp-inbox-poison", sut.PoisonQueueName);
        Assert.Equal(5, sut.MaxDequeueCount);
        Assert.Equal("webhook-bodies", sut.ClaimCheckContainer);
        Assert.Equal("messageledger", sut.LedgerTableName);
    }

    [Theory]
    [InlineData("FrontDoor:InboxQueueName", "Not_A_Queue")]
    [InlineData("FrontDoor:MaxDequeueCount", "0")]
    [InlineData("FrontDoor:RecordTimeout", "00:10:00")]
    public void AddFrontDoor_InvalidSetting_FailsNamingTheSetting(string key, string value)
    {
        using var services = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FrontDoorOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFrontDoor_Help_IsItsOwnCommandHandler()
    {
        // EXPORT and DELETE MY DATA are the portability feature's (AddPortability).
        using var services = Build(new Dictionary<string, string?>());

        var commands = services.GetServices<IContinuityCommandHandler>().Select(h => h.Command);

        Assert.Equal([ContinuityCommand.Help], commands);
        Assert.NotNull(services.GetRequiredService<WebhookEndpoint>());
        Assert.NotNull(services.GetRequiredService<InboxProcessor>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["WhatsApp:AppSecret"] = "secret";
        settings["WhatsApp:VerifyToken"] = "token";
        settings["WhatsApp:AccessToken"] = "token";
        settings["WhatsApp:PhoneNumberId"] = "1";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddWhatsApp(configuration)
            .AddIdentity(configuration)
            .AddFrontDoor(configuration)
            .BuildServiceProvider();
    }
}
