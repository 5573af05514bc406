namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

[Collection(BicepFolderBuildCollection.Name)]
public sealed class DataTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Fact]
    public void Build_StorageAccount_AllowsNoSharedKeyNoPublicBlobAndOnlyHttpsTls12()
    {
        var properties = sut.Single("Microsoft.Storage/storageAccounts", ModuleNames.StoragePrimary).Properties!;

        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Build_StorageAccount_ExpiresLeftoverClaimCheckBodies()
    {
        var policy = sut.Single("Microsoft.Storage/storageAccounts/managementPolicies", ModuleNames.StoragePrimary);
        var rule = policy.Properties!["policy"]!["rules"]![0]!;
        var parameters = policy.Template["parameters"]!;

        // The prefix is the claim-check container (default: the front door's), the age a parameter of at least 8 days.
        Assert.Contains("claimCheckContainerName", (string?)rule["definition"]!["filters"]!["prefixMatch"]![0], StringComparison.Ordinal);
        Assert.Equal("webhook-bodies", (string?)parameters["claimCheckContainerName"]!["defaultValue"]);
        Assert.Contains("claimCheckRetentionDays", (string?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"], StringComparison.Ordinal);
        Assert.Equal(8, (int?)parameters["claimCheckRetentionDays"]!["minValue"]);
    }

    [Fact]
    public void Build_StorageAccount_HasAPrivateExportsContainer()
    {
        var containers = sut.OfType("Microsoft.Storage/storageAccounts/blobServices/containers", ModuleNames.StoragePrimary);
        var exports = Assert.Single(containers, container => ((string?)container.Json["name"])?.Contains("exportContainerName", StringComparison.Ordinal) == true);

        Assert.Equal("exports", (string?)exports.Parameters["exportContainerName"]!["defaultValue"]);
        Assert.Equal("None", (string?)exports.Properties!["publicAccess"]);
    }

    [Fact]
    public void Build_StorageAccount_HasTheQueuesTheTriggersListenOn()
    {
        var queues = sut.Single("Microsoft.Storage/storageAccounts/queueServices/queues", ModuleNames.StoragePrimary);
        var names = (string?)queues.Json["copy"]?["count"];

        // One loop over the export-request queue and the region's inbox and its poison queue.
        Assert.Equal("[length(createArray(parameters('exportRequestQueueName'), parameters('inboxQueueName'), parameters('inboxPoisonQueueName')))]", names);
        Assert.Equal("export-requests", (string?)queues.Parameters["exportRequestQueueName"]!["defaultValue"]);
        Assert.Equal(new AstroBot.Continuity.Availability.FrontDoor.FrontDoorOptions().InboxQueueName, (string?)queues.Parameters["inboxQueueName"]!["defaultValue"]);
        Assert.Equal(new AstroBot.Continuity.Availability.FrontDoor.FrontDoorOptions().PoisonQueueName, (string?)queues.Parameters["inboxPoisonQueueName"]!["defaultValue"]);
    }

    [Fact]
    public void Build_StorageAccount_DeletesExportArchivesADayAfterTheLongestLinkLifetime()
    {
        var policy = sut.Single("Microsoft.Storage/storageAccounts/managementPolicies", ModuleNames.StoragePrimary);
        var rule = Assert.Single(policy.Properties!["policy"]!["rules"]!.AsArray(), rule => (string?)rule!["name"] == "expire-export-archives")!;
        var parameters = policy.Template["parameters"]!;

        Assert.True((bool?)rule["enabled"]);
        Assert.Equal("exports/", policy.Render(rule["definition"]!["filters"]!["prefixMatch"]![0]));
        Assert.Contains("exportRetentionDays", (string?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"], StringComparison.Ordinal);

        // Links live at most 7 days (a user delegation SAS cannot outlive its key), so 8 is the least and the default.
        Assert.Equal(8, (int?)parameters["exportRetentionDays"]!["defaultValue"]);
        Assert.Equal(8, (int?)parameters["exportRetentionDays"]!["minValue"]);
    }

    [Fact]
    public void Build_CosmosAccount_DisablesLocalAuthWithFailoverAndContinuousBackup()
    {
        var properties = sut.Single("Microsoft.DocumentDB/databaseAccounts").Properties!;

        Assert.True((bool?)properties["disableLocalAuth"]);
        Assert.True((bool?)properties["enableAutomaticFailover"]);
        Assert.Equal("Session", (string?)properties["consistencyPolicy"]?["defaultConsistencyLevel"]);
        Assert.Equal("Continuous", (string?)properties["backupPolicy"]?["type"]);
        Assert.Equal("Continuous7Days", (string?)properties["backupPolicy"]?["continuousModeProperties"]?["tier"]);
        Assert.Equal(2, properties["locations"]?.AsArray().Count);
    }

    [Fact]
    public void Build_CosmosContainers_AreTheBotsContainers()
    {
        var containers = sut.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        var names = containers.Variables["containerNames"]?.AsArray().Select(name => (string?)name);

        Assert.Equal(["accounts", "profiles", "preferences", "subscriptions", "readings", "messages"], names);
    }

    [Fact]
    public void Build_EveryCosmosContainer_IsPartitionedByWaId()
    {
        var containers = sut.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");

        Assert.NotEmpty(containers);
        Assert.All(containers, container =>
        {
            var paths = container.Properties?["resource"]?["partitionKey"]?["paths"]?.AsArray();
            Assert.Equal(["/wa_id"], paths?.Select(path => (string?)path));
        });
    }

    [Fact]
    public void Build_KeyVault_UsesRbacWithPurgeProtectionAndNoAccessPolicies()
    {
        var properties = sut.Single("Microsoft.KeyVault/vaults").Properties!;

        Assert.True((bool?)properties["enableRbacAuthorization"]);
        Assert.True((bool?)properties["enableSoftDelete"]);
        Assert.True((bool?)properties["enablePurgeProtection"]);
        Assert.Empty(properties["accessPolicies"]?.AsArray() ?? []);
    }
}
