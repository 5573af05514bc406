using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The backup storage account (modules/backupStorage.bicep), the app settings that point the app at it and at the
/// key-encryption key, and the backup alerts (modules/backupAlerts.bicep).
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class BackupTemplateTests(BicepFolderBuild build)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string AlertRule = "Microsoft.Insights/scheduledQueryRules";
    private const string Runbook = "docs/operations/backup-and-restore.md";

    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource BackupAccount => sut.Single(StorageAccount, ModuleNames.BackupStorage);

    private JsonObject BackupParameters => BackupAccount.Parameters;

    [Fact]
    public void Build_BackupAccount_IsReadAccessGeoZoneRedundantHotStorageV2()
    {
        Assert.Equal("Standard_RAGZRS", (string?)BackupAccount.Json["sku"]?["name"]);
        Assert.Equal("StorageV2", (string?)BackupAccount.Json["kind"]);
        Assert.Equal("Hot", (string?)BackupAccount.Properties?["accessTier"]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.RegionStorage), MemberType = typeof(ModuleNames))]
    public void Build_BackupAccount_IsNotARegionsAppStorageAccount(string regionStorage)
    {
        var backupName = (string?)sut.Deployment(ModuleNames.BackupStorage).Properties?["parameters"]?["name"]?["value"];
        var appName = (string?)sut.Deployment(regionStorage).Properties?["parameters"]?["name"]?["value"];

        Assert.NotEqual(appName, backupName);
        Assert.Equal("[variables('backupAccountName')]", backupName);
        Assert.Contains("bk", (string?)sut.Root["variables"]!["backupAccountName"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BackupAccount_AllowsNoSharedKeyNoPublicBlobAndOnlyHttpsTls12()
    {
        var properties = BackupAccount.Properties!;

        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.True((bool?)properties["defaultToOAuthAuthentication"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.False((bool?)properties["allowCrossTenantReplication"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Build_BackupAccount_SupportsVersionLevelImmutability()
    {
        Assert.True((bool?)BackupAccount.Properties?["immutableStorageWithVersioning"]?["enabled"]);
    }

    [Fact]
    public void Build_BackupBlobService_KeepsVersionsAndSoftDeletesBlobsAndContainers()
    {
        var properties = sut.Single("Microsoft.Storage/storageAccounts/blobServices", ModuleNames.BackupStorage).Properties!;

        Assert.True((bool?)properties["isVersioningEnabled"]);
        AssertEnabledFor(properties["deleteRetentionPolicy"], "blobSoftDeleteDays", 14);
        AssertEnabledFor(properties["containerDeleteRetentionPolicy"], "containerSoftDeleteDays", 14);
    }

    [Fact]
    public void Build_BackupContainer_IsPrivateWithVersionLevelImmutability()
    {
        var container = sut.Single("Microsoft.Storage/storageAccounts/blobServices/containers", ModuleNames.BackupStorage);

        Assert.Contains("parameters('backupContainerName')", (string?)container.Json["name"], StringComparison.Ordinal);
        Assert.Equal("backups", (string?)BackupParameters["backupContainerName"]?["defaultValue"]);
        Assert.Equal("None", (string?)container.Properties?["publicAccess"]);
        Assert.True((bool?)container.Properties?["immutableStorageWithVersioning"]?["enabled"]);
    }

    [Fact]
    public void Build_BackupContainerDefaultPolicy_KeepsEveryVersionImmutableForTheRetentionDays()
    {
        var policy = sut.Single("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies", ModuleNames.BackupStorage);

        // The container's default policy is the child named 'default', under the backups container.
        Assert.Contains("parameters('backupContainerName'), 'default')", (string?)policy.Json["name"], StringComparison.Ordinal);
        Assert.Equal("[parameters('backupImmutabilityDays')]", (string?)policy.Properties?["immutabilityPeriodSinceCreationInDays"]);
        Assert.Equal(7, (int?)BackupParameters["backupImmutabilityDays"]?["defaultValue"]);
        Assert.Equal(1, (int?)BackupParameters["backupImmutabilityDays"]?["minValue"]);
        Assert.False((bool?)policy.Properties?["allowProtectedAppendWrites"]);
    }

    [Theory]
    [InlineData("baseBlob", "tierToCool", "daysAfterModificationGreaterThan", "coolAfterDays", 30)]
    [InlineData("baseBlob", "tierToCold", "daysAfterModificationGreaterThan", "coldAfterDays", 90)]
    [InlineData("version", "tierToCool", "daysAfterCreationGreaterThan", "coolAfterDays", 30)]
    [InlineData("version", "tierToCold", "daysAfterCreationGreaterThan", "coldAfterDays", 90)]
    [InlineData("version", "delete", "daysAfterCreationGreaterThan", "previousVersionDeleteAfterDays", 400)]
    public void Build_BackupLifecycleRule_ActsAfterTheParameterDays(string target, string action, string condition, string parameter, int defaultDays)
    {
        var definition = BackupLifecycleRule()["definition"]!;

        Assert.Equal($"[parameters('{parameter}')]", (string?)definition["actions"]?[target]?[action]?[condition]);
        Assert.Equal(defaultDays, (int?)BackupParameters[parameter]?["defaultValue"]);
    }

    [Fact]
    public void Build_BackupLifecycleRule_CoversTheBackupsContainersBlockBlobs()
    {
        var filters = BackupLifecycleRule()["definition"]!["filters"]!;

        Assert.True((bool?)BackupLifecycleRule()["enabled"]);
        Assert.Equal(["blockBlob"], filters["blobTypes"]?.AsArray().Select(type => (string?)type));
        Assert.Equal("backups/", BackupAccount.Render(filters["prefixMatch"]?[0]));
    }

    [Fact]
    public void Build_BackupRoleAssignments_GrantBlobAndTableDataContributorToTheAppIdentityOnTheBackupAccount()
    {
        var assignment = Assert.Single(sut.OfType("Microsoft.Authorization/roleAssignments", ModuleNames.BackupStorage));
        var roleIds = assignment.Variables["roleIds"]?.AsObject().Select(role => (string?)role.Value);
        var inputs = sut.Deployment(ModuleNames.BackupStorage).Properties?["parameters"];

        // Storage Blob Data Contributor for the archives, Storage Table Data Contributor for the catalog; not Owner.
        Assert.Equal(["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"], roleIds);
        Assert.Equal("[length(items(variables('roleIds')))]", (string?)assignment.Json["copy"]?["count"]);
        Assert.Contains("variables('roleIds')", (string?)assignment.Properties?["roleDefinitionId"], StringComparison.Ordinal);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", (string?)assignment.Json["scope"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment.Properties?["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties?["principalType"]);
        Assert.Contains("guid(", (string?)assignment.Json["name"], StringComparison.Ordinal);
        Assert.Contains("parameters('identityId')", (string?)assignment.Json["name"], StringComparison.Ordinal);

        // main.bicep hands the module the Function App's user-assigned identity.
        Assert.Contains("func-id", (string?)inputs?["principalId"]?["value"], StringComparison.Ordinal);
        Assert.Contains(".principalId", (string?)inputs?["principalId"]?["value"], StringComparison.Ordinal);
        Assert.Contains("func-id", (string?)inputs?["identityId"]?["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BackupModule_OutputsTheSecondaryBlobEndpoint()
    {
        var outputs = BackupAccount.Template["outputs"]!;

        Assert.Contains(".secondaryEndpoints.blob", (string?)outputs["secondaryBlobEndpoint"]?["value"], StringComparison.Ordinal);
        Assert.Contains(".primaryEndpoints.blob", (string?)outputs["primaryBlobEndpoint"]?["value"], StringComparison.Ordinal);
        Assert.NotNull(outputs["name"]);
        Assert.NotNull(outputs["id"]);
    }

    [Theory]
    [InlineData("Backup__AccountName", "backupAccountName", ModuleNames.BackupStorage, "outputs.name.value")]
    [InlineData("Backup__SecondaryBlobEndpoint", "backupSecondaryBlobEndpoint", ModuleNames.BackupStorage, "outputs.secondaryBlobEndpoint.value")]
    [InlineData("Crypto__KeyVaultUri", "keyVaultUri", ModuleNames.KeyVault, "outputs.uri.value")]
    public void Build_BackupAppSetting_ComesFromItsModule(string setting, string parameter, string module, string output)
    {
        Assert.Equal($"[parameters('{parameter}')]", (string?)Settings()[setting]);

        // Both regions' apps use the one backup account and the one key vault.
        foreach (var functionApp in new[] { ModuleNames.FunctionAppPrimary, ModuleNames.FunctionAppSecondary })
        {
            var input = (string?)sut.Deployment(functionApp).Properties?["parameters"]?[parameter]?["value"];
            Assert.Contains($"'{module}')", input, StringComparison.Ordinal);
            Assert.EndsWith($"{output}]", input, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_KekSecretName_IsBackupKek()
    {
        Assert.Equal("backup-kek", (string?)Settings()["Crypto__KekSecretName"]);
    }

    [Fact]
    public void Build_ActionGroup_EmailsTheAlertAddress()
    {
        var group = sut.Single("Microsoft.Insights/actionGroups", ModuleNames.BackupAlerts);
        var receiver = Assert.Single(group.Properties?["emailReceivers"]?.AsArray() ?? []);
        var input = (string?)sut.Deployment(ModuleNames.BackupAlerts).Properties?["parameters"]?["alertEmail"]?["value"];

        Assert.True((bool?)group.Properties?["enabled"]);
        Assert.Equal("[parameters('alertEmail')]", (string?)receiver?["emailAddress"]);
        Assert.Equal("[parameters('alertEmail')]", input);
        Assert.NotNull(sut.Root["parameters"]?["alertEmail"]);
    }

    [Fact]
    public void Build_BackupAlerts_AreThreeRules()
    {
        Assert.Equal(3, sut.OfType(AlertRule, ModuleNames.BackupAlerts).Count);
    }

    [Theory]
    [InlineData("backup_newest_verified_full_age_seconds", "AgeSeconds > 93600", "fullBackupMaxAgeSeconds", 93600, 1, "PT30M")]
    [InlineData("backup_newest_incremental_age_seconds", "AgeSeconds > 1800", "incrementalBackupMaxAgeSeconds", 1800, 1, "PT30M")]
    [InlineData("backup_geo_replication_lag_seconds", "LagSeconds > 900", "geoReplicationMaxLagSeconds", 900, 2, "PT15M")]
    public void Build_BackupAlertRule_WatchesItsGaugeAgainstItsThreshold(
        string metric, string comparison, string thresholdParameter, int defaultThreshold, int severity, string window)
    {
        var rule = Rule(metric);
        var query = Query(rule);

        Assert.StartsWith("customMetrics", query, StringComparison.Ordinal);
        Assert.Contains(comparison, query, StringComparison.Ordinal);
        Assert.Contains($"ago({window[2..^1]}m)", query, StringComparison.Ordinal);
        Assert.Contains("arg_max(timestamp, valueMax, value)", query, StringComparison.Ordinal);
        Assert.Equal(defaultThreshold, (int?)rule.Parameters[thresholdParameter]?["defaultValue"]);
        Assert.Equal(severity, (int?)rule.Properties?["severity"]);
        Assert.Equal(window, rule.Render(rule.Properties?["windowSize"]));
    }

    [Theory]
    [InlineData("backup_newest_verified_full_age_seconds")]
    [InlineData("backup_newest_incremental_age_seconds")]
    public void Build_BackupAgeRule_AlsoFiresWhenTheGaugeIsNotReportedFor30Minutes(string metric)
    {
        var query = Query(Rule(metric));

        // summarize without "by" yields one row even over no readings; that row is the alarm.
        Assert.Contains("| summarize Reports = count(),", query, StringComparison.Ordinal);
        Assert.Contains("Reports == 0, 'not reported for 30 minutes'", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GeoLagRule_StaysQuietWithoutReadings()
    {
        var query = Query(Rule("backup_geo_replication_lag_seconds"));

        Assert.DoesNotContain("Reports == 0", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryBackupAlertRule_RunsEveryFiveMinutesFiresOnAnyRowAndResolvesItself()
    {
        var rules = sut.OfType(AlertRule, ModuleNames.BackupAlerts);

        Assert.Equal(3, rules.Count);
        Assert.All(rules, rule =>
        {
            var properties = rule.Properties!;
            var criterion = Assert.Single(properties["criteria"]?["allOf"]?.AsArray() ?? [])!;

            Assert.True((bool?)properties["enabled"]);
            Assert.True((bool?)properties["autoMitigate"]);
            Assert.Equal("PT5M", (string?)properties["evaluationFrequency"]);
            Assert.Equal(["[parameters('appInsightsId')]"], properties["scopes"]?.AsArray().Select(scope => (string?)scope));
            Assert.Equal("Count", (string?)criterion["timeAggregation"]);
            Assert.Equal("GreaterThan", (string?)criterion["operator"]);
            Assert.Equal(0, (int?)criterion["threshold"]);
            Assert.Contains("Microsoft.Insights/actionGroups", (string?)properties["actions"]?["actionGroups"]?[0], StringComparison.Ordinal);
            Assert.Contains(Runbook, rule.Render(properties["description"]), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Build_BackupAlerts_WatchTheAppsApplicationInsights()
    {
        var input = (string?)sut.Deployment(ModuleNames.BackupAlerts).Properties?["parameters"]?["appInsightsId"]?["value"];

        Assert.Contains($"'{ModuleNames.Monitoring}')", input, StringComparison.Ordinal);
        Assert.EndsWith("outputs.appInsightsId.value]", input, StringComparison.Ordinal);
    }

    private void AssertEnabledFor(JsonNode? policy, string parameter, int defaultDays)
    {
        Assert.True((bool?)policy?["enabled"]);
        Assert.Equal($"[parameters('{parameter}')]", (string?)policy?["days"]);
        Assert.Equal(defaultDays, (int?)BackupParameters[parameter]?["defaultValue"]);
    }

    private JsonNode BackupLifecycleRule()
    {
        var policy = sut.Single("Microsoft.Storage/storageAccounts/managementPolicies", ModuleNames.BackupStorage);
        return Assert.Single(policy.Properties?["policy"]?["rules"]?.AsArray() ?? [])!;
    }

    private JsonObject Settings() =>
        sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary).Variables["settings"]?.AsObject()
        ?? throw new InvalidOperationException("The Function App module has no 'settings' variable.");

    private DeclaredResource Rule(string metric) =>
        Assert.Single(sut.OfType(AlertRule, ModuleNames.BackupAlerts), rule => Query(rule).Contains($"| where name == '{metric}'", StringComparison.Ordinal));

    private static string Query(DeclaredResource rule) =>
        rule.Render(rule.Properties?["criteria"]?["allOf"]?[0]?["query"]);
}
