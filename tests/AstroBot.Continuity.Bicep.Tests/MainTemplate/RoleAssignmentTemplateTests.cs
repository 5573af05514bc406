namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>The Function App identity gets exactly the data-plane roles it needs, on the resources it uses.</summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class RoleAssignmentTemplateTests(BicepFolderBuild build)
{
    private const string AzureRoleAssignment = "Microsoft.Authorization/roleAssignments";

    private readonly ArmTemplate sut = build.MainTemplate;

    [Theory]
    [InlineData(ModuleNames.StoragePrimary, "Microsoft.Storage/storageAccounts", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData(ModuleNames.StoragePrimary, "Microsoft.Storage/storageAccounts", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData(ModuleNames.StoragePrimary, "Microsoft.Storage/storageAccounts", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData(ModuleNames.StorageSecondary, "Microsoft.Storage/storageAccounts", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData(ModuleNames.StorageSecondary, "Microsoft.Storage/storageAccounts", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")]
    [InlineData(ModuleNames.StorageSecondary, "Microsoft.Storage/storageAccounts", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")]
    [InlineData(ModuleNames.BackupStorage, "Microsoft.Storage/storageAccounts", "ba92f5b4-2d11-453d-a403-e96b0029c9fe")] // Storage Blob Data Contributor
    [InlineData(ModuleNames.BackupStorage, "Microsoft.Storage/storageAccounts", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData(ModuleNames.KeyVault, "Microsoft.KeyVault/vaults", "4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    [InlineData(ModuleNames.Monitoring, "Microsoft.OperationalInsights/workspaces", "73c42c96-874c-492b-b04d-ab87d138a893")] // Log Analytics Reader (the SLA report)
    public void Build_AzureRoleAssignment_ExistsNextToItsScope(string module, string scopeType, string roleDefinitionId)
    {
        var scope = sut.Single(scopeType, module);
        var assignments = sut.OfType(AzureRoleAssignment, module);

        Assert.NotEmpty(assignments);
        Assert.Contains(roleDefinitionId, scope.Template.ToJsonString(), StringComparison.Ordinal);
        Assert.All(assignments, assignment =>
        {
            Assert.Equal("ServicePrincipal", (string?)assignment.Properties?["principalType"]);
            Assert.Contains("guid(", (string?)assignment.Json["name"], StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(ModuleNames.RegionStorage), MemberType = typeof(ModuleNames))]
    public void Build_StorageRoleAssignments_CoverBlobQueueAndTable(string regionStorage)
    {
        var storage = sut.Single("Microsoft.Storage/storageAccounts", regionStorage);

        Assert.Equal(3, storage.Variables["roleIds"]?.AsObject().Count);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.RegionStorage), MemberType = typeof(ModuleNames))]
    public void Build_StorageBlobRole_CoversUserDelegationKeysOnTheWholeAccount(string regionStorage)
    {
        // Get User Delegation Key acts on the account: the role that grants it (Storage Blob Data Owner includes
        // generateUserDelegationKey/action) must be assigned on the account, not on a container.
        var assignments = sut.OfType(AzureRoleAssignment, regionStorage);
        var storage = sut.Single("Microsoft.Storage/storageAccounts", regionStorage);

        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", (string?)storage.Variables["roleIds"]?["blobDataOwner"]);
        Assert.All(assignments, assignment =>
            Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", (string?)assignment.Json["scope"]));
    }

    [Fact]
    public void Build_LogAnalyticsReader_IsTheFunctionAppIdentitysOnTheWorkspace()
    {
        var assignment = Assert.Single(sut.OfType(AzureRoleAssignment, ModuleNames.Monitoring));

        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]", (string?)assignment.Json["scope"]);
        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('logAnalyticsReaderRoleId'))]", (string?)assignment.Properties?["roleDefinitionId"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment.Properties?["principalId"]);
        Assert.Equal(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-func-id', variables('baseName'))), '2024-11-30').principalId]",
            (string?)sut.Deployment(ModuleNames.Monitoring).Properties?["parameters"]?["principalId"]?["value"]);
    }

    [Fact]
    public void Build_CosmosRoleAssignment_GrantsBuiltInDataContributor()
    {
        var assignment = sut.Single("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments");

        Assert.Equal("00000000-0000-0000-0000-000000000002", (string?)assignment.Variables["dataContributorRoleId"]);
        Assert.Contains("sqlRoleDefinitions", (string?)assignment.Properties?["roleDefinitionId"], StringComparison.Ordinal);
    }
}
