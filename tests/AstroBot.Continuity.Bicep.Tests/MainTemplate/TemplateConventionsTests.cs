using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

[Collection(BicepFolderBuildCollection.Name)]
public sealed class TemplateConventionsTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Fact]
    public void Build_EveryParameterAndOutput_HasADescription()
    {
        var undescribed = sut.Templates()
            .SelectMany(template => Members(template, "parameters").Concat(Members(template, "outputs")))
            .Where(member => member.Value?["metadata"]?["description"] is null)
            .Select(member => member.Key)
            .ToList();

        Assert.Empty(undescribed);
    }

    [Fact]
    public void Build_EveryTopLevelResource_IsTagged()
    {
        // Child resources (a '/' after the type name), deployments and role assignments take no tags.
        var untagged = sut.Resources
            .Where(resource => resource.Type.Count(character => character == '/') == 1)
            .Where(resource => !resource.Type.StartsWith("Microsoft.Resources/", StringComparison.OrdinalIgnoreCase))
            .Where(resource => !resource.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase))
            .Where(resource => resource.Json["existing"] is null)
            .Where(resource => resource.Json["tags"] is null)
            .Select(resource => resource.Type)
            .ToList();

        Assert.Empty(untagged);
    }

    [Theory]
    [InlineData("functionAppName")]
    [InlineData("functionAppHostName")]
    [InlineData("webhookUrl")]
    [InlineData("cosmosEndpoint")]
    [InlineData("keyVaultUri")]
    [InlineData("backupStorageAccountName")]
    [InlineData("secondaryFunctionAppName")]
    [InlineData("secondaryFunctionAppHostName")]
    [InlineData("stagingHostNames")]
    [InlineData("frontDoorHostName")]
    public void Build_MainTemplate_HasOutput(string output)
    {
        Assert.NotNull(sut.Root["outputs"]?[output]);
    }

    [Fact]
    public void Build_WebhookUrl_PointsAtTheWebhookFunctionOverHttpsThroughFrontDoor()
    {
        var value = (string?)sut.Root["outputs"]?["webhookUrl"]?["value"] ?? "";

        Assert.Contains("https://", value, StringComparison.Ordinal);
        Assert.Contains("/api/whatsapp/webhook", value, StringComparison.Ordinal);
        Assert.Contains($"'{ModuleNames.FrontDoorRouting}'), '2025-04-01').outputs.publicHostName.value", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EnvironmentName_AllowsOnlyDevAndProd()
    {
        var allowed = sut.Root["parameters"]?["environmentName"]?["allowedValues"]?.AsArray();

        Assert.Equal(["dev", "prod"], allowed?.Select(value => (string?)value));
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonObject template, string section) =>
        template[section]?.AsObject() ?? [];
}
