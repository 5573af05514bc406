using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The Azure Monitor workbook (modules/workbook.bicep): its JSON file parses, holds the sections the operators need,
/// and every placeholder in it is one the module fills in.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed partial class WorkbookTemplateTests(BicepFolderBuild build)
{
    private static readonly string WorkbookFile = BicepFiles.FullPath(Path.Combine("workbooks", "availability.workbook.json"));

    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource Workbook => sut.Single("Microsoft.Insights/workbooks", ModuleNames.Workbook);

    [Fact]
    public void WorkbookFile_ParsesAsAWorkbook()
    {
        var workbook = Parse();

        Assert.Equal("Notebook/1.0", (string?)workbook["version"]);
        Assert.NotEmpty(workbook["items"]!.AsArray());
    }

    [Theory]
    [InlineData("availability", "AppAvailabilityResults")]
    [InlineData("webhook", "WhatsAppWebhookDeliver")]
    [InlineData("queues", "PoisonMessages")]
    [InlineData("queues", "QueueMessageCount")]
    [InlineData("backups", "backup_newest_verified_full_age_seconds")]
    [InlineData("backups", "backup_verifications")]
    public void WorkbookFile_HasTheSection(string section, string source)
    {
        var group = Assert.Single(Parse()["items"]!.AsArray(), item => (string?)item!["name"] == section)!;

        Assert.Equal(12, (int?)group["type"]);
        Assert.Contains(source, group.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkbookFile_DrillSectionListsDrillsFromTheirEndEvents()
    {
        var drills = Assert.Single(Parse()["items"]!.AsArray(), item => (string?)item!["name"] == "drills")!;
        var table = Assert.Single(drills["content"]!["items"]!.AsArray(), item => (int?)item!["type"] == 3)!;
        var query = (string?)table["content"]!["query"] ?? "";

        Assert.Equal("table", (string?)table["content"]!["visualization"]);
        Assert.Contains($"'{ContinuityEventId.DrillPassed}', '{ContinuityEventId.DrillNotPassed}'", query, StringComparison.Ordinal);
        Assert.All(["DrillId", "Kind", "State", "Rto", "Rpo"], column => Assert.Contains($"Properties.{column}", query, StringComparison.Ordinal));
        Assert.DoesNotContain("disaster-recovery issue", drills.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkbookFile_EveryLogQueryRunsInTheWorkspace()
    {
        var queries = Items(Parse()).Where(item => (int?)item["type"] == 3).ToList();

        Assert.NotEmpty(queries);
        Assert.All(queries, query =>
        {
            Assert.Equal("microsoft.operationalinsights/workspaces", (string?)query["content"]?["resourceType"]);
            Assert.Equal(["__WORKSPACE_ID__"], query["content"]?["crossComponentResources"]?.AsArray().Select(id => (string?)id));
        });
    }

    [Fact]
    public void Build_Workbook_FillsInEveryPlaceholderOfItsFile()
    {
        var placeholders = Placeholder().Matches(File.ReadAllText(WorkbookFile)).Select(match => match.Value).ToHashSet();
        var serializedData = (string?)Workbook.Variables["serializedData"] ?? "";

        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, placeholder => Assert.Contains($"'{placeholder}'", serializedData, StringComparison.Ordinal));
        Assert.Equal("[variables('serializedData')]", (string?)Workbook.Properties?["serializedData"]);

        // The loaded file is the template's text, as is.
        Assert.Equal(File.ReadAllText(WorkbookFile), (string?)Workbook.Variables["template"]);
    }

    [Fact]
    public void Build_Workbook_IsASharedWorkbookOfTheApplicationInsightsComponent()
    {
        Assert.Equal("shared", (string?)Workbook.Json["kind"]);
        Assert.Equal("[parameters('appInsightsId')]", (string?)Workbook.Properties?["sourceId"]);
        Assert.StartsWith("[guid(", (string?)Workbook.Json["name"], StringComparison.Ordinal);
    }

    private static JsonObject Parse() => JsonNode.Parse(File.ReadAllText(WorkbookFile))!.AsObject();

    // Every item, groups' items included.
    private static IEnumerable<JsonObject> Items(JsonObject workbook)
    {
        var pending = new Stack<JsonObject>(workbook["items"]!.AsArray().OfType<JsonObject>());
        while (pending.TryPop(out var item))
        {
            yield return item;
            foreach (var child in item["content"]?["items"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                pending.Push(child);
            }
        }
    }

    [GeneratedRegex("__[A-Z_]+__")]
    private static partial Regex Placeholder();
}
