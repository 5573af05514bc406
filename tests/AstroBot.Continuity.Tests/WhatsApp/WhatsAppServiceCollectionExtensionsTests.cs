using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.WhatsApp;

public class WhatsAppServiceCollectionExtensionsTests
{
    private static readonly Dictionary<string, string?> ValidSettings = new()
    {
        ["WhatsApp:AppSecret"] = "app-secret",
        ["WhatsApp:VerifyToken"] = "verify-token",
        ["WhatsApp:AccessToken"] = "access-token",
        ["WhatsApp:PhoneNumberId"] = "106540352242922",
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", // the reply outbox's table; nothing is called here
    };

    [Fact]
    public void AddWhatsApp_ValidSettings_ResolvesEveryService()
    {
        using var services = Build(ValidSettings);

        Assert.IsType<GraphApiClient>(services.GetRequiredService<IGraphApiClient>());
        Assert.NotNull(services.GetRequiredService<ReplySender>());
        Assert.NotNull(services.GetRequiredService<ReplyOutbox>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        var signature = services.GetRequiredService<WebhookSignature>();
        Assert.True(signature.IsValid("{}"u8, new WebhookSignature("app-secret").Sign("{}"u8)));
    }

    [Fact]
    public void AddWhatsApp_DefaultsDocumented_Applied()
    {
        using var services = Build(ValidSettings);

        var options = services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;

        Assert.Equal(
            ("https://graph.facebook.com", "v21.0", "astrobot_reconnect", "en", 5, TimeSpan.FromSeconds(10)),
            (options.GraphApiBaseUrl, options.GraphApiVersion, options.ReconnectTemplateName, options.ReconnectTemplateLanguage,
                options.MaxSendAttempts, options.AttemptTimeout));
    }

    [Theory]
    [InlineData("AppSecret")]
    [InlineData("VerifyToken")]
    [InlineData("AccessToken")]
    [InlineData("PhoneNumberId")]
    public void AddWhatsApp_RequiredSettingMissing_FailsNamingSetting(string setting)
    {
        using var services = Build(With($"WhatsApp:{setting}", null));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WhatsAppOptions>>().Value);

        Assert.Contains($"WhatsApp:{setting} is required", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graph.facebook.com")]
    [InlineData("/v21.0")]
    [InlineData("ftp://graph.facebook.com")]
    public void AddWhatsApp_BaseUrlNotAbsoluteHttp_FailsNamingSetting(string url)
    {
        using var services = Build(With("WhatsApp:GraphApiBaseUrl", url));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WhatsAppOptions>>().Value);

        Assert.Contains("WhatsApp:GraphApiBaseUrl must be an absolute http or https URL", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WhatsApp:MaxSendAttempts", "0")]
    [InlineData("WhatsApp:GraphApiVersion", "21")]
    [InlineData("WhatsApp:AttemptTimeout", "00:00:00")]
    public void AddWhatsApp_SettingOutOfRange_FailsNamingSetting(string key, string value)
    {
        using var services = Build(With(key, value));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WhatsAppOptions>>().Value);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWhatsApp_InvalidSettings_FailStartupValidation()
    {
        using var services = Build(With("WhatsApp:AppSecret", null));

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("WhatsApp:AppSecret is required", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddContinuityStorage(configuration).AddWhatsApp(configuration).BuildServiceProvider();
    }

    private static Dictionary<string, string?> With(string key, string? value) => new(ValidSettings) { [key] = value };
}
