using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// Zero-downtime deployment: each Function App has a staging slot that warms up on the readiness route before a swap,
/// the apps' health check, and the slot settings that keep a build under test away from live queues and timers.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed partial class StagingSlotTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource Site => sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary);

    private DeclaredResource Slot => sut.Single("Microsoft.Web/sites/slots", ModuleNames.FunctionAppPrimary);

    private JsonObject Settings => Site.Variables["settings"]!.AsObject();

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_EachFunctionApp_HasAStagingSlotOnItsPlan(string module)
    {
        var slot = sut.Single("Microsoft.Web/sites/slots", module);

        Assert.Equal("[format('{0}/{1}', parameters('name'), 'staging')]", (string?)slot.Json["name"]);
        Assert.Equal("[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]", (string?)slot.Properties?["serverFarmId"]);
        Assert.True((bool?)slot.Properties?["httpsOnly"]);
        Assert.Equal("UserAssigned", (string?)slot.Json["identity"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)slot.Properties?["keyVaultReferenceIdentity"]);
    }

    [Theory]
    [InlineData("WEBSITE_SWAP_WARMUP_PING_PATH", "/api/health/ready")]
    [InlineData("WEBSITE_SWAP_WARMUP_PING_STATUSES", "200")]
    public void Build_WarmUpSetting_IsSetForBothSlots(string setting, string value)
    {
        // Both slots' app settings are the shared settings plus their own slot settings.
        Assert.Equal(value, (string?)Settings[setting]);
        Assert.Contains("union(variables('settings'), variables('productionSlotSettings'))", SettingsListCount("productionSettingsList"), StringComparison.Ordinal);
        Assert.Contains("union(variables('settings'), variables('stagingSlotSettings'))", SettingsListCount("stagingSettingsList"), StringComparison.Ordinal);
        Assert.StartsWith("[concat(variables('productionSettingsList'),", (string?)Site.Properties?["siteConfig"]?["appSettings"], StringComparison.Ordinal);
        Assert.StartsWith("[concat(variables('stagingSettingsList'),", (string?)Slot.Properties?["siteConfig"]?["appSettings"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HealthCheck_IsTheLivenessRouteInBothSlots()
    {
        Assert.Equal("/api/health", (string?)Site.Variables["healthCheckPath"]);
        Assert.Equal("/api/" + AstroBot.Continuity.Hosting.HttpRoutes.Health, (string?)Site.Variables["healthCheckPath"]);
        Assert.Equal("[variables('healthCheckPath')]", (string?)Site.Properties?["siteConfig"]?["healthCheckPath"]);
        Assert.Equal("[variables('healthCheckPath')]", (string?)Slot.Properties?["siteConfig"]?["healthCheckPath"]);
    }

    [Fact]
    public void Build_SlotSettings_AreStickyAndTheSameNamesInBothSlots()
    {
        var config = sut.Single("Microsoft.Web/sites/config", ModuleNames.FunctionAppPrimary);
        var production = (string?)Site.Variables["productionSlotSettings"] ?? "";
        var staging = (string?)Site.Variables["stagingSlotSettings"] ?? "";

        Assert.Equal("[format('{0}/{1}', parameters('name'), 'slotConfigNames')]", (string?)config.Json["name"]);
        Assert.Equal("[objectKeys(variables('productionSlotSettings'))]", (string?)config.Properties?["appSettingNames"]);
        foreach (var slotSettings in new[] { production, staging })
        {
            Assert.Contains("'AzureFunctionsWebHost__hostid'", slotSettings, StringComparison.Ordinal);
            Assert.Contains("'AzureFunctionsJobHost__extensions__durableTask__hubName'", slotSettings, StringComparison.Ordinal);
            Assert.Contains("format('AzureWebJobs_{0}_Disabled', lambdaVariables('trigger'))", slotSettings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_StagingSlot_HasItsOwnHostIdAndTaskHub()
    {
        var production = (string?)Site.Variables["productionSlotSettings"] ?? "";
        var staging = (string?)Site.Variables["stagingSlotSettings"] ?? "";

        Assert.Contains("format('{0}-production', variables('hostIdPrefix'))", production, StringComparison.Ordinal);
        Assert.Contains("format('{0}-staging', variables('hostIdPrefix'))", staging, StringComparison.Ordinal);
        Assert.Contains("parameters('taskHubName')", production, StringComparison.Ordinal);
        Assert.Contains("format('{0}Staging', parameters('taskHubName'))", staging, StringComparison.Ordinal);

        // A host id is at most 32 characters: uniqueString's 13, a dash and the slot's word.
        Assert.True(13 + "-production".Length <= 32);
        Assert.Equal("[uniqueString(resourceGroup().id, parameters('name'))]", (string?)Site.Variables["hostIdPrefix"]);
    }

    [Fact]
    public void Build_ProductionTaskHub_IsTheOneInHostJson()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepFiles.RepositoryRoot, "host.json")))!;

        Assert.Equal((string?)hostJson["extensions"]?["durableTask"]?["hubName"], (string?)Site.Parameters["taskHubName"]?["defaultValue"]);
    }

    [Fact]
    public void Build_StagingSlot_DisablesEveryTimerAndQueueTrigger()
    {
        var staging = (string?)Site.Variables["stagingSlotSettings"] ?? "";

        Assert.EndsWith(
            "toObject(concat(variables('everyRegionTriggers'), variables('oneRegionTriggers')), lambda('trigger', format('AzureWebJobs_{0}_Disabled', lambdaVariables('trigger'))), lambda('trigger', 'true')))]",
            staging,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ProductionSlot_RunsRegionalTriggersEverywhereAndBackupsWhereAsked()
    {
        var production = (string?)Site.Variables["productionSlotSettings"] ?? "";

        Assert.Contains("toObject(variables('everyRegionTriggers'), lambda('trigger', format('AzureWebJobs_{0}_Disabled', lambdaVariables('trigger'))), lambda('trigger', 'false'))", production, StringComparison.Ordinal);
        Assert.Contains("toObject(variables('oneRegionTriggers'), lambda('trigger', format('AzureWebJobs_{0}_Disabled', lambdaVariables('trigger'))), lambda('trigger', if(parameters('runsBackups'), 'false', 'true')))", production, StringComparison.Ordinal);
        Assert.All(Triggers("oneRegionTriggers"), trigger => Assert.True(trigger.StartsWith("Backup", StringComparison.Ordinal) || trigger.EndsWith("Drill", StringComparison.Ordinal), trigger));
    }

    [Fact]
    public void Build_TriggerLists_AreExactlyTheFunctionsAppsTimerAndQueueTriggers()
    {
        var listed = Triggers("everyRegionTriggers").Concat(Triggers("oneRegionTriggers")).ToList();

        // A new timer or queue function must be placed in one of the lists in modules/functionApp.bicep, or the staging
        // slot would run it against live queues and every region would run it.
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(TimerAndQueueFunctions().Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private string SettingsListCount(string name) =>
        (string?)Site.Variables["copy"]!.AsArray().Single(copy => (string?)copy!["name"] == name)!["count"] ?? "";

    private IEnumerable<string> Triggers(string variable) =>
        Site.Variables[variable]!.AsArray().Select(name => (string)name!);

    // The [Function("Name")] methods of the Functions app whose first parameter is a timer or queue trigger.
    private static IEnumerable<string> TimerAndQueueFunctions()
    {
        var folder = Path.Combine(BicepFiles.RepositoryRoot, "functions", "AstroBot.Continuity.Functions");
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => TriggeredFunction().Matches(File.ReadAllText(file)))
            .Where(match => match.Groups["trigger"].Value is "TimerTrigger" or "QueueTrigger")
            .Select(match => match.Groups["name"].Value)
            .ToList();
    }

    [GeneratedRegex(@"\[Function\(""(?<name>[^""]+)""\)\][^(]*\(\s*\[(?<trigger>\w+)\(", RegexOptions.Singleline)]
    private static partial Regex TriggeredFunction();
}
