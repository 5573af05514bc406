using AstroBot.Continuity.Recovery.ResourceManager;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The recovery drills' Resource Manager roles: exactly the actions each drill step sends, each role on the narrowest
/// scope those actions allow, assigned to the app's identity, and the settings that name what the drills act on.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class RecoveryRolesTemplateTests(BicepFolderBuild build)
{
    private const string Roles = "recoveryRoles";
    private const string Restorable = "recoveryRestorableAccounts";
    private const string RoleDefinition = "Microsoft.Authorization/roleDefinitions";
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

    private readonly ArmTemplate sut = build.MainTemplate;

    [Theory]
    [InlineData(Roles, "failoverActions", "Microsoft.DocumentDB/databaseAccounts/read|Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action|Microsoft.DocumentDB/databaseAccounts/offlineRegion/action")]
    [InlineData(Roles, "nativeRestoreActions", "Microsoft.DocumentDB/databaseAccounts/read|Microsoft.DocumentDB/databaseAccounts/write|Microsoft.DocumentDB/databaseAccounts/delete")]
    [InlineData(Roles, "frontDoorOriginActions", "Microsoft.Cdn/profiles/originGroups/origins/read|Microsoft.Cdn/profiles/originGroups/origins/write|Microsoft.Cdn/operationresults/read|Microsoft.Cdn/operationresults/profileresults/origingroupresults/originresults/read")]
    [InlineData(Restorable, "restorableAccountActions", "Microsoft.DocumentDB/locations/restorableDatabaseAccounts/read|Microsoft.DocumentDB/locations/restorableDatabaseAccounts/restore/action")]
    public void Build_RecoveryRole_HoldsExactlyTheActionsItsDrillSends(string module, string variable, string actions)
    {
        var role = Assert.Single(sut.OfType(RoleDefinition, module), candidate => (string?)candidate.Properties!["permissions"]![0]!["actions"] == $"[variables('{variable}')]");

        Assert.Equal(actions.Split('|').Order(StringComparer.Ordinal), role.Variables[variable]!.AsArray().Select(action => (string?)action).Order(StringComparer.Ordinal));
        Assert.Null(role.Properties!["permissions"]![0]!["dataActions"]);
        Assert.Equal("CustomRole", (string?)role.Properties["type"]);
    }

    [Theory]
    [InlineData("failover", "[resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName'))]")]
    [InlineData("native-restore", null)] // the resource group: the restored account's name is the drill's
    [InlineData("front-door-origin", "[resourceId('Microsoft.Cdn/profiles', parameters('frontDoorProfileName'))]")]
    public void Build_RecoveryRole_IsAssignedToTheAppsIdentityOnItsScope(string role, string? scope)
    {
        var assignment = Assert.Single(sut.OfType(RoleAssignment, Roles), candidate =>
            ((string?)candidate.Properties!["roleDefinitionId"])?.Contains($"'{role}-drills'", StringComparison.Ordinal) == true);

        Assert.Equal(scope, (string?)assignment.Json["scope"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment.Properties!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
    }

    [Fact]
    public void Build_RestorableAccountsRole_IsTheSubscriptionsAndTheAppsIdentitys()
    {
        var deployment = sut.Deployment(Restorable);
        var assignment = Assert.Single(sut.OfType(RoleAssignment, Restorable));

        Assert.Equal("[subscription().subscriptionId]", (string?)deployment.Json["subscriptionId"]);
        Assert.Null(assignment.Json["scope"]);
        Assert.StartsWith("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ", (string?)deployment.Properties!["parameters"]!["principalId"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NativeRestoreGrants_AreOffUnlessTheDeploymentAsks()
    {
        // Write and delete on every account of the resource group, and restores on the subscription: too broad for the
        // identity that serves users, so nothing is granted unless grantNativeRestoreDrill says so.
        Assert.False((bool?)sut.Root["parameters"]!["grantNativeRestoreDrill"]!["defaultValue"]);
        Assert.Equal("[parameters('grantNativeRestoreDrill')]", (string?)sut.Deployment(Restorable).Json["condition"]);
        Assert.Equal("[parameters('grantNativeRestoreDrill')]", (string?)sut.Deployment(Roles).Properties!["parameters"]!["grantNativeRestore"]!["value"]);
        var nativeRestore = sut.OfType(RoleDefinition, Roles).Concat(sut.OfType(RoleAssignment, Roles))
            .Where(resource => ((string?)resource.Json["name"])?.Contains("native-restore", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, nativeRestore.Count); // the role and its assignment
        Assert.All(nativeRestore, resource => Assert.Equal("[parameters('grantNativeRestore')]", (string?)resource.Json["condition"]));
    }

    [Fact]
    public void Build_RecoveryRoles_AreNamedAsTheAppsErrorsNameThem()
    {
        var names = sut.OfType(RoleDefinition, Roles).Concat(sut.OfType(RoleDefinition, Restorable)).Select(role => (string?)role.Properties!["roleName"]).ToList();

        Assert.Contains($"[format('{RecoveryArmRoles.Failover("{0}")}', parameters('cosmosAccountName'))]", names);
        Assert.Contains($"[format('{RecoveryArmRoles.NativeRestore("{0}")}', resourceGroup().name)]", names);
        Assert.Contains($"[format('{RecoveryArmRoles.FrontDoorOrigins("{0}")}', parameters('frontDoorProfileName'))]", names);
        Assert.Contains($"[format('{RecoveryArmRoles.RestorableAccounts("{0}")}', subscription().subscriptionId)]", names);
    }

    [Theory]
    [InlineData(nameof(RecoveryArmOptions.SubscriptionId), "[subscription().subscriptionId]")]
    [InlineData(nameof(RecoveryArmOptions.ResourceGroup), "[resourceGroup().name]")]
    [InlineData(nameof(RecoveryArmOptions.CosmosAccountName), "[parameters('cosmosAccountName')]")]
    [InlineData(nameof(RecoveryArmOptions.FrontDoorProfileName), "[parameters('frontDoorProfileName')]")]
    public void Build_RecoverySetting_NamesWhatThisDeploymentMade(string option, string expected)
    {
        var settings = sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary).Variables["settings"]!.AsObject();

        Assert.Equal(expected, (string?)settings[RecoveryArmOptions.SectionName.Replace(":", "__", StringComparison.Ordinal) + "__" + option]);
    }
}
