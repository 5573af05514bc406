namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// Deletion of data-bearing resources (modules/dataProtection.bicep): the backup account and the Key Vault locked in
/// production, every delete and Azure's own incidents paging the operators.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class DataProtectionTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Fact]
    public void Build_Locks_CannotDeleteTheBackupAccountNorTheVaultWhenTheDeploymentLocksData()
    {
        var locks = sut.OfType("Microsoft.Authorization/locks", ModuleNames.DataProtection);

        Assert.Equal(2, locks.Count);
        Assert.All(locks, candidate =>
        {
            Assert.Equal("CanNotDelete", (string?)candidate.Properties!["level"]);
            Assert.Equal("[parameters('lockData')]", (string?)candidate.Json["condition"]);
        });
        Assert.Contains(locks, candidate => ((string?)candidate.Json["scope"])?.Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal) == true);
        Assert.Contains(locks, candidate => ((string?)candidate.Json["scope"])?.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(locks, candidate => ((string?)candidate.Json["scope"])?.Contains("Microsoft.DocumentDB", StringComparison.Ordinal) == true);
        Assert.Equal("[equals(parameters('environmentName'), 'prod')]", (string?)sut.Root["parameters"]!["lockData"]!["defaultValue"]);
    }

    [Fact]
    public void Build_DeleteAlert_WatchesEveryDataBearingDeleteAndLockRemovalAndPages()
    {
        var alert = Alert("-data-deleted");
        var operations = alert.Variables["deleteOperations"]!.AsArray().Select(operation => (string?)operation).ToList();

        Assert.Contains("Microsoft.DocumentDB/databaseAccounts/delete", operations);
        Assert.Contains("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/delete", operations);
        Assert.Contains("Microsoft.Storage/storageAccounts/delete", operations);
        Assert.Contains("Microsoft.KeyVault/vaults/delete", operations);
        Assert.Contains("Microsoft.Authorization/locks/delete", operations);
        Assert.Equal(["[resourceGroup().id]"], alert.Properties!["scopes"]!.AsArray().Select(scope => (string?)scope));
        AssertPages(alert);
    }

    [Fact]
    public void Build_ServiceHealthAlert_WatchesIncidentsInTheDeploymentsRegionsAndPages()
    {
        var alert = Alert("-azure-incident");
        var conditions = alert.Properties!["condition"]!["allOf"]!.AsArray();

        Assert.Equal(["[subscription().id]"], alert.Properties["scopes"]!.AsArray().Select(scope => (string?)scope));
        Assert.Contains(conditions, condition => (string?)condition!["field"] == "category" && (string?)condition["equals"] == "ServiceHealth");
        Assert.Contains(conditions, condition => (string?)condition!["field"] == "properties.incidentType" && (string?)condition["equals"] == "Incident");
        Assert.Contains(conditions, condition => (string?)condition!["containsAny"] == "[parameters('regionNames')]");
        Assert.Equal("[parameters('regionDisplayNames')]", (string?)sut.Deployment(ModuleNames.DataProtection).Properties!["parameters"]!["regionNames"]!["value"]);
        AssertPages(alert);
    }

    private DeclaredResource Alert(string nameSuffix) => Assert.Single(
        sut.OfType("Microsoft.Insights/activityLogAlerts", ModuleNames.DataProtection),
        candidate => ((string?)candidate.Json["name"])?.Contains(nameSuffix, StringComparison.Ordinal) == true);

    private void AssertPages(DeclaredResource alert)
    {
        Assert.Equal("[parameters('pageActionGroupId')]", (string?)alert.Properties!["actions"]!["actionGroups"]![0]!["actionGroupId"]);
        Assert.Equal(
            $"[reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.AvailabilityAlerts}'), '2025-04-01').outputs.pageActionGroupId.value]",
            (string?)sut.Deployment(ModuleNames.DataProtection).Properties!["parameters"]!["pageActionGroupId"]!["value"]);
    }
}
