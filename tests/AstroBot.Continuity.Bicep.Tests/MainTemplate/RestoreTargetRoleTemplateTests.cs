using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup.Restore.Targets;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The Function App's identity may create and drop restore targets through Resource Manager (the account's keys are
/// off): a custom role with exactly the actions that needs, assigned on the Cosmos DB account only, and the app settings
/// that choose Resource Manager and name the account.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class RestoreTargetRoleTemplateTests(BicepFolderBuild build)
{
    private const string Cosmos = "cosmos";

    private static readonly string[] Actions =
    [
        "Microsoft.DocumentDB/databaseAccounts/read",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/read",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/delete",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/operationResults/read",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings/read",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/read",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/write",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/operationResults/read",
    ];

    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource Role => sut.Single("Microsoft.Authorization/roleDefinitions", Cosmos);

    [Fact]
    public void Build_RestoreTargetRole_HoldsExactlyTheActionsRestoreTargetsNeed()
    {
        var permission = Assert.Single(Role.Properties!["permissions"]!.AsArray())!;
        var actions = Resolve(Role, permission["actions"]).AsArray().Select(action => (string?)action);

        Assert.Equal(Actions.Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
        Assert.Empty(permission["notActions"]?.AsArray() ?? []);
        Assert.Null(permission["dataActions"]);
        Assert.Equal("CustomRole", (string?)Role.Properties["type"]);
    }

    [Fact]
    public void Build_RestoreTargetRole_IsNamedAsTheAppsErrorNamesIt()
    {
        // The app's message for a 403 tells the operator which role to grant: ArmFailures.RoleName.
        Assert.Equal($"[format('{ArmFailures.RoleName("{0}")}', parameters('name'))]", (string?)Role.Properties!["roleName"]);
        Assert.Equal(["[resourceGroup().id]"], Role.Properties["assignableScopes"]!.AsArray().Select(scope => (string?)scope));
    }

    [Fact]
    public void Build_RestoreTargetRole_IsAssignedOnTheCosmosAccountToTheAppsIdentity()
    {
        var account = sut.Single("Microsoft.DocumentDB/databaseAccounts");
        var assignment = Assert.Single(
            sut.OfType("Microsoft.Authorization/roleAssignments", Cosmos),
            candidate => ((string?)candidate.Properties?["roleDefinitionId"])?.Contains("'restore-targets'", StringComparison.Ordinal) == true);

        Assert.Equal(Cosmos, account.Module);
        Assert.Equal("[parameters('name')]", (string?)account.Json["name"]);
        Assert.Equal("[resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('name'))]", (string?)assignment.Json["scope"]);
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {Inner((string?)Role.Json["name"])})]", (string?)assignment.Properties!["roleDefinitionId"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment.Properties["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);

        // The module's principal is the user-assigned identity the Function App runs as.
        var identity = (string?)sut.Deployment(ModuleNames.FunctionAppPrimary).Properties!["parameters"]!["identityId"]!["value"];
        var principal = (string?)sut.Deployment(Cosmos).Properties!["parameters"]!["principalId"]!["value"];
        Assert.StartsWith("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ", identity, StringComparison.Ordinal);
        Assert.Equal($"[reference({Inner(identity)}, '2024-11-30').principalId]", principal);
    }

    [Theory]
    [InlineData(nameof(RestoreTargetOptions.Provisioner), nameof(RestoreTargetProvisionerKind.ResourceManager))]
    [InlineData(nameof(RestoreTargetOptions.SubscriptionId), "[subscription().subscriptionId]")]
    [InlineData(nameof(RestoreTargetOptions.ResourceGroup), "[resourceGroup().name]")]
    [InlineData(nameof(RestoreTargetOptions.AccountName), "[parameters('cosmosAccountName')]")]
    public void Build_RestoreTargetSetting_IsSetForTheAccountThisDeploymentMade(string option, string expected)
    {
        var settings = sut.Single("Microsoft.Web/sites", ModuleNames.FunctionAppPrimary).Variables["settings"]!.AsObject();
        var key = RestoreTargetOptions.SectionName.Replace(":", "__", StringComparison.Ordinal) + "__" + option;

        Assert.Equal(expected, (string?)settings[key]);
    }

    [Theory]
    [MemberData(nameof(ModuleNames.FunctionApps), MemberType = typeof(ModuleNames))]
    public void Build_RestoreTargetAccountName_IsTheCosmosModulesAccount(string functionApp)
    {
        var value = (string?)sut.Deployment(functionApp).Properties!["parameters"]!["cosmosAccountName"]!["value"];
        var output = (string?)sut.Deployment(Cosmos).Properties!["template"]!["outputs"]!["name"]!["value"];

        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'cosmos'), '2025-04-01').outputs.name.value]", value);
        Assert.Equal("[parameters('name')]", output);
    }

    /// <summary>A variable's value when the node is <c>[variables('x')]</c>, else the node.</summary>
    private static JsonNode Resolve(DeclaredResource resource, JsonNode? node)
    {
        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        if (text is not null && text.StartsWith("[variables('", StringComparison.Ordinal) && text.EndsWith("')]", StringComparison.Ordinal))
        {
            return resource.Variables[text["[variables('".Length..^"')]".Length]]!;
        }

        return node ?? throw new InvalidOperationException("No value.");
    }

    /// <summary>The expression inside an ARM <c>[...]</c> string.</summary>
    private static string Inner(string? expression) =>
        expression is ['[', .. var inner, ']'] ? inner : throw new InvalidOperationException($"Not an expression: {expression}");
}
