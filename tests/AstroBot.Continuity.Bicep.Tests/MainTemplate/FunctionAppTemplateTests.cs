using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

[Collection(BicepFolderBuildCollection.Name)]
public sealed class FunctionAppTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    // Both regions deploy the same module (RegionsTemplateTests checks that), so its template is read once, here the primary's.
    private DeclaredResource Site => sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary);

    // The site's app settings are built from this object in the Function App module.
    private JsonObject Settings => Site.Variables["settings"]?.AsObject()
        ?? throw new InvalidOperationException("The Function App module has no 'settings' variable.");

    [Theory]
    [InlineData("AccountKey=")]
    [InlineData("listKeys(")]
    [InlineData("listConnectionStrings(")]
    [InlineData("SharedAccessSignature=")]
    public void Build_WholeTemplate_HoldsNoKeyOrConnectionSecret(string forbidden)
    {
        Assert.DoesNotContain(forbidden, sut.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_HostStorage_UsesTheManagedIdentity()
    {
        Assert.Equal("managedidentity", (string?)Settings["AzureWebJobsStorage__credential"]);
        Assert.NotNull(Settings["AzureWebJobsStorage__accountName"]);
        Assert.NotNull(Settings["AzureWebJobsStorage__clientId"]);
        Assert.Null(Settings["AzureWebJobsStorage"]);
    }

    [Theory]
    [InlineData("WhatsApp__AppSecret", "whatsapp-app-secret")]
    [InlineData("WhatsApp__AccessToken", "whatsapp-access-token")]
    [InlineData("WhatsApp__VerifyToken", "whatsapp-verify-token")]
    public void Build_WhatsAppSecret_IsAKeyVaultReference(string setting, string secretName)
    {
        var value = (string?)Settings[setting] ?? "";

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
        Assert.Contains($"secrets/{secretName}/", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION", "~4")]
    [InlineData("Cosmos__Key", "")]
    public void Build_AppSetting_HasExpectedValue(string setting, string expected)
    {
        Assert.Equal(expected, (string?)Settings[setting]);
    }

    [Theory]
    [InlineData("Cosmos__Endpoint")]
    [InlineData("Storage__AccountName")]
    [InlineData("WhatsApp__PhoneNumberId")]
    [InlineData("AZURE_CLIENT_ID")]
    public void Build_AppSetting_IsPresent(string setting)
    {
        Assert.NotNull(Settings[setting]);
    }

    public static TheoryData<string, string> ScheduleSettings()
    {
        var data = new TheoryData<string, string>();
        foreach (var schedule in AstroBot.Continuity.Hosting.Schedules.All)
        {
            data.Add(schedule.SettingName, schedule.DefaultExpression);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScheduleSettings))]
    public void Build_EveryTimerSchedule_IsAnAppSettingWithTheCodesDefault(string setting, string defaultExpression)
    {
        // The Functions host will not index a timer whose %Setting% is missing.
        var value = (string?)Settings[setting] ?? "";
        var key = value.Split("parameters('schedules').", 2).ElementAtOrDefault(1)?.TrimEnd(']') ?? value;
        var defaults = Site.Parameters["schedules"]?["defaultValue"]?.AsObject();

        Assert.NotNull(defaults);
        Assert.Equal(defaultExpression, (string?)defaults[key]);
    }

    public static TheoryData<string, string, string> QueueSettings() => new()
    {
        { "FrontDoor__InboxQueueName", "inbox", new AstroBot.Continuity.Availability.FrontDoor.FrontDoorOptions().InboxQueueName },
        { "Portability__ExportRequestQueueName", "exportRequests", new AstroBot.Continuity.Portability.PortabilityOptions().ExportRequestQueueName },
    };

    [Theory]
    [MemberData(nameof(QueueSettings))]
    public void Build_EveryQueueTriggersQueue_IsAnAppSettingWithTheOptionsDefault(string setting, string parameterKey, string optionsDefault)
    {
        // The queue triggers read %FrontDoor:InboxQueueName% and %Portability:ExportRequestQueueName%: the same settings
        // the core's options bind, so the front door and the trigger cannot name two queues.
        Assert.Equal($"[parameters('queueNames').{parameterKey}]", (string?)Settings[setting]);
        Assert.Equal(optionsDefault, (string?)Site.Parameters["queueNames"]?["defaultValue"]?[parameterKey]);
    }

    [Fact]
    public void Build_ApplicationInsights_ConnectionStringIsAnAppSetting()
    {
        var appSettings = (string?)Site.Properties?["siteConfig"]?["appSettings"] ?? "";

        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", appSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Site_IsHttpsOnlyWithTls12AndNoFtp()
    {
        var properties = Site.Properties!;

        Assert.True((bool?)properties["httpsOnly"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]?["ftpsState"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)properties["siteConfig"]?["linuxFxVersion"]);
    }

    [Fact]
    public void Build_Site_RunsAsTheUserAssignedIdentity()
    {
        Assert.Equal("UserAssigned", (string?)Site.Json["identity"]?["type"]);
        Assert.False(string.IsNullOrEmpty((string?)Site.Properties?["keyVaultReferenceIdentity"]));
    }

    [Fact]
    public void Build_Plan_IsElasticPremiumOnLinux()
    {
        var plan = sut.Single("Microsoft.Web/serverfarms", ModuleNames.FunctionAppPrimary);

        Assert.Equal("EP1", (string?)plan.Json["sku"]?["name"]);
        Assert.True((bool?)plan.Properties?["reserved"]);
    }

    [Fact]
    public void Build_BasicPublishingCredentials_AreDisallowedInBothSlotsOfBothRegions()
    {
        var policies = sut.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .Concat(sut.OfType("Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies"))
            .ToList();

        // ftp and scm, for the app and its staging slot, in each region's module.
        Assert.Equal(8, policies.Count);
        Assert.All(policies, policy => Assert.False((bool?)policy.Properties?["allow"]));
    }
}
