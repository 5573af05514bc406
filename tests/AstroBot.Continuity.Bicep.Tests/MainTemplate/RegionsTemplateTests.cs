using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// Two regions, active-passive: a Function App per region (location and secondaryLocation) from the same module, each on
/// its own zone-redundant plan and with its own host storage account and inbox queues; each prefers its own Cosmos DB
/// region; only the primary runs the backup jobs.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class RegionsTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Theory]
    [InlineData(ModuleNames.FunctionAppPrimary, "location")]
    [InlineData(ModuleNames.FunctionAppSecondary, "secondaryLocation")]
    [InlineData(ModuleNames.StoragePrimary, "location")]
    [InlineData(ModuleNames.StorageSecondary, "secondaryLocation")]
    public void Build_RegionalModule_DeploysInItsRegion(string module, string locationParameter)
    {
        Assert.Equal($"[parameters('{locationParameter}')]", Input(module, "location"));
    }

    [Fact]
    public void Build_TwoFunctionApps_UseTheSameModuleWithDifferentNames()
    {
        var primary = sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary);
        var secondary = sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppSecondary);

        // Same compiled template: every check of the primary's module holds for the secondary's.
        Assert.Equal(primary.Template.ToJsonString(), secondary.Template.ToJsonString());
        Assert.NotEqual(Input(ModuleNames.FunctionAppPrimary, "name"), Input(ModuleNames.FunctionAppSecondary, "name"));
        Assert.NotEqual(Input(ModuleNames.FunctionAppPrimary, "planName"), Input(ModuleNames.FunctionAppSecondary, "planName"));
        Assert.Equal(2, sut.OfType("Microsoft.Web/sites").Count);
        Assert.Equal(2, sut.OfType("Microsoft.Web/serverfarms").Count);
    }

    [Fact]
    public void Build_EachFunctionApp_HasItsOwnHostStorageAccount()
    {
        var primaryStorage = Input(ModuleNames.StoragePrimary, "name");
        var secondaryStorage = Input(ModuleNames.StorageSecondary, "name");

        Assert.NotEqual(primaryStorage, secondaryStorage);
        Assert.Equal(
            sut.Single("Microsoft.Storage/storageAccounts", ModuleNames.StoragePrimary).Template.ToJsonString(),
            sut.Single("Microsoft.Storage/storageAccounts", ModuleNames.StorageSecondary).Template.ToJsonString());

        // Each app's host storage (AzureWebJobsStorage__accountName = storageAccountName) is its own region's account.
        Assert.Equal(StorageOutput(ModuleNames.StoragePrimary, "name"), Input(ModuleNames.FunctionAppPrimary, "storageAccountName"));
        Assert.Equal(StorageOutput(ModuleNames.StorageSecondary, "name"), Input(ModuleNames.FunctionAppSecondary, "storageAccountName"));
        Assert.Equal(StorageOutput(ModuleNames.StorageSecondary, "blobEndpoint"), Input(ModuleNames.FunctionAppSecondary, "storageBlobEndpoint"));
        Assert.Equal("[parameters('storageAccountName')]", (string?)Settings()["AzureWebJobsStorage__accountName"]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_EachFunctionApp_SharesTheAppAccountAndKeepsItsRegionsOwn(string module)
    {
        // One ledger, identity directory and set of user keys for both regions (the primary's account); the inbox
        // and export request queues the triggers read, in the region's own (its host storage).
        Assert.Equal(StorageOutput(ModuleNames.StoragePrimary, "name"), Input(module, "sharedStorageAccountName"));
        Assert.Equal("[parameters('sharedStorageAccountName')]", (string?)Settings()["Storage__AccountName"]);
        Assert.Equal("[parameters('storageAccountName')]", (string?)Settings()["Storage__RegionAccountName"]);
        Assert.Equal((string?)Settings()["AzureWebJobsStorage__accountName"], (string?)Settings()["Storage__RegionAccountName"]);
    }

    [Theory]
    [InlineData(ModuleNames.FunctionAppPrimary, "location", "secondaryLocation")]
    [InlineData(ModuleNames.FunctionAppSecondary, "secondaryLocation", "location")]
    public void Build_EachFunctionApp_PrefersItsOwnCosmosRegionThenTheOther(string module, string own, string other)
    {
        Assert.Equal($"[parameters('{own}')]", Input(module, "location"));
        Assert.Equal($"[parameters('{other}')]", Input(module, "otherLocation"));
        Assert.Equal("[format('{0},{1}', parameters('location'), parameters('otherLocation'))]", (string?)Settings()["Cosmos__PreferredRegions"]);
        Assert.Equal("[parameters('location')]", (string?)Settings()["Availability__Region"]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_EachFunctionApp_KnowsThePublicFrontDoorUrl(string module)
    {
        Assert.Equal(
            $"[format('https://{{0}}', reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.FrontDoor}'), '2025-04-01').outputs.endpointHostName.value)]",
            Input(module, "publicBaseUrl"));
        Assert.Equal("[parameters('publicBaseUrl')]", (string?)Settings()["Availability__PublicBaseUrl"]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_EachFunctionApp_ReportsFromTheWorkspacesId(string module)
    {
        // The query API takes the Workspace ID (the workspace's customerId GUID), not its resource id.
        Assert.Equal(
            $"[reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.Monitoring}'), '2025-04-01').outputs.workspaceCustomerId.value]",
            Input(module, "logAnalyticsWorkspaceId"));
        Assert.Equal("[parameters('logAnalyticsWorkspaceId')]", (string?)Settings()["Availability__LogAnalyticsWorkspaceId"]);
        var workspace = sut.Single("Microsoft.OperationalInsights/workspaces", ModuleNames.Monitoring);
        Assert.Equal(
            "[reference(resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName')), '2026-03-01').customerId]",
            (string?)workspace.Template["outputs"]?["workspaceCustomerId"]?["value"]);
    }

    [Theory]
    [InlineData(ModuleNames.FunctionAppPrimary, true)]
    [InlineData(ModuleNames.FunctionAppSecondary, false)]
    public void Build_OnlyThePrimaryRunsTheBackupJobs(string module, bool runsBackups)
    {
        Assert.Equal(runsBackups, (bool?)sut.Deployment(module).Properties?["parameters"]?["runsBackups"]?["value"]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_EachPlan_IsZoneRedundantWithTwoInstancesWhenAsked(string module)
    {
        var plan = sut.Single("Microsoft.Web/serverfarms", module);
        var site = sut.Single("Microsoft.Web/sites", module);

        Assert.Equal("[parameters('zoneRedundant')]", Input(module, "zoneRedundant"));
        Assert.Equal("[parameters('zoneRedundant')]", (string?)plan.Properties?["zoneRedundant"]);
        Assert.Equal("ElasticPremium", (string?)plan.Json["sku"]?["tier"]);
        Assert.Equal("[variables('instanceCount')]", (string?)plan.Json["sku"]?["capacity"]);
        Assert.Equal("[variables('instanceCount')]", (string?)site.Properties?["siteConfig"]?["minimumElasticInstanceCount"]);
        Assert.Equal("[if(parameters('zoneRedundant'), 2, 1)]", (string?)site.Variables["instanceCount"]);
    }

    [Theory]
    [InlineData("dev.bicepparam", false)]
    [InlineData("prod.bicepparam", true)]
    public void BuildParams_ZoneRedundancy_IsOnInProductionOnly(string file, bool zoneRedundant)
    {
        var compiled = JsonNode.Parse(File.ReadAllText(build.CompiledPath(Path.Combine("env", file))))!;

        Assert.Equal(zoneRedundant, (bool?)compiled["parameters"]?["zoneRedundant"]?["value"]);
    }

    [Fact]
    public void Build_CosmosAccount_HasTwoRegionsWithServiceManagedFailover()
    {
        var account = sut.Single("Microsoft.DocumentDB/databaseAccounts");
        var locations = account.Properties?["locations"]?.AsArray() ?? [];

        Assert.True((bool?)account.Properties?["enableAutomaticFailover"]);
        Assert.Equal(["[parameters('location')]", "[parameters('secondaryLocation')]"], locations.Select(location => (string?)location?["locationName"]));
        Assert.Equal([0, 1], locations.Select(location => (int?)location?["failoverPriority"]));

        // The account's two regions are the two Function Apps' regions.
        Assert.Equal("[parameters('location')]", Input(ModuleNames.Cosmos, "location"));
        Assert.Equal("[parameters('secondaryLocation')]", Input(ModuleNames.Cosmos, "secondaryLocation"));
    }

    [Fact]
    public void Build_BackupAccountAndKeyVault_StaySingle()
    {
        Assert.Single(sut.OfType("Microsoft.Storage/storageAccounts", ModuleNames.BackupStorage));
        Assert.Single(sut.OfType("Microsoft.KeyVault/vaults"));
        Assert.Single(sut.OfType("Microsoft.Insights/components"));
        Assert.Equal(3, sut.OfType("Microsoft.Storage/storageAccounts").Count);
    }

    private string? Input(string module, string parameter) =>
        (string?)sut.Deployment(module).Properties?["parameters"]?[parameter]?["value"];

    private static string StorageOutput(string module, string output) =>
        $"[reference(resourceId('Microsoft.Resources/deployments', '{module}'), '2025-04-01').outputs.{output}.value]";

    private JsonObject Settings() =>
        sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary).Variables["settings"]!.AsObject();
}
