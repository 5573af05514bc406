using System.Globalization;
using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// The standard availability test through Front Door, the failed-locations alert, and the multi-window burn-rate
/// alerts for the 99.9% objective (modules/availabilityAlerts.bicep).
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class AvailabilityAlertsTemplateTests(BicepFolderBuild build)
{
    private const string AlertRule = "Microsoft.Insights/scheduledQueryRules";

    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource WebTest => sut.Single("Microsoft.Insights/webtests", ModuleNames.AvailabilityAlerts);

    private DeclaredResource BurnRateRule => sut.Single(AlertRule, ModuleNames.AvailabilityAlerts);

    private JsonArray BurnRateRules => BurnRateRule.Variables["burnRateRules"]!.AsArray();

    [Fact]
    public void Build_WebTest_IsAStandardTestOfTheReadinessRouteThroughFrontDoor()
    {
        var properties = WebTest.Properties!;
        var publicHost = (string?)sut.Deployment(ModuleNames.AvailabilityAlerts).Properties?["parameters"]?["publicHostName"]?["value"];

        Assert.Equal("standard", (string?)WebTest.Json["kind"]);
        Assert.Equal("standard", (string?)properties["Kind"]);
        Assert.True((bool?)properties["Enabled"]);
        Assert.True((bool?)properties["RetryEnabled"]);
        Assert.Equal(300, (int?)properties["Frequency"]);
        Assert.Equal("[format('https://{0}{1}', parameters('publicHostName'), parameters('probePath'))]", (string?)properties["Request"]?["RequestUrl"]);
        Assert.Equal("/api/health/ready", (string?)WebTest.Parameters["probePath"]?["defaultValue"]);
        Assert.Equal("GET", (string?)properties["Request"]?["HttpVerb"]);
        Assert.Equal(200, (int?)properties["ValidationRules"]?["ExpectedHttpStatusCode"]);
        Assert.Equal($"[reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.FrontDoorRouting}'), '2025-04-01').outputs.publicHostName.value]", publicHost);

        // The hidden-link tag ties the test to its Application Insights component.
        Assert.Contains("hidden-link:{0}", (string?)WebTest.Json["tags"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WebTest_RunsFromAtLeastFiveDistinctLocations()
    {
        var locations = WebTest.Parameters["testLocations"]?["defaultValue"]?.AsArray().Select(location => (string?)location).ToList() ?? [];

        Assert.True(locations.Count >= 5, $"{locations.Count} locations");
        Assert.Equal(locations.Count, locations.Distinct().Count());
        Assert.Equal(5, (int?)WebTest.Parameters["testLocations"]?["minLength"]);
        var copy = Assert.Single(WebTest.Properties!["copy"]!.AsArray())!;
        Assert.Equal("Locations", (string?)copy["name"]);
        Assert.Equal("[length(parameters('testLocations'))]", (string?)copy["count"]);
    }

    [Fact]
    public void Build_FailedLocationsAlert_PagesWhenTwoLocationsFail()
    {
        var alert = sut.Single("Microsoft.Insights/metricAlerts", ModuleNames.AvailabilityAlerts);
        var criteria = alert.Properties!["criteria"]!;

        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", (string?)criteria["odata.type"]);
        Assert.Equal("[parameters('failedLocationCount')]", (string?)criteria["failedLocationCount"]);
        Assert.Equal(2, (int?)alert.Parameters["failedLocationCount"]?["defaultValue"]);
        Assert.Contains("Microsoft.Insights/webtests", (string?)criteria["webTestId"], StringComparison.Ordinal);
        Assert.Contains("-page-ag", (string?)alert.Properties["actions"]?[0]?["actionGroupId"], StringComparison.Ordinal);
        Assert.Equal("PT5M", (string?)alert.Properties["windowSize"]);
    }

    [Fact]
    public void Build_BurnRateRules_AreTheSixWindowsOfTheSreWorkbook()
    {
        var windows = BurnRateRules.Select(rule => ((string?)rule!["longWindow"], (string?)rule["shortWindow"], (string?)rule["factor"], (bool?)rule["page"]));

        // The workbook's ticket is 1x over 3 d and 6 h; a log search alert sees at most 2 days, so the long window is 2 d.
        Assert.Equal(
            [("1h", "5m", "14.4", true), ("6h", "30m", "6", true), ("2d", "6h", "1", false)],
            windows);
        Assert.Equal("[length(variables('burnRateRules'))]", (string?)BurnRateRule.Json["copy"]?["count"]);
    }

    [Theory]
    [InlineData(0, "PT1H")]
    [InlineData(1, "PT6H")]
    [InlineData(2, "P2D")]
    public void Build_BurnRateRule_GivesTheQueryItsLongWindow(int index, string windowSize)
    {
        var rule = BurnRateRules[index]!;

        Assert.Equal(windowSize, (string?)rule["windowSize"]);
        Assert.Equal(Hours(windowSize), Hours((string)rule["longWindow"]!));
        Assert.True(Hours(windowSize) <= 48, "Log search alerts scan at most two days.");
        Assert.True(Hours((string)rule["shortWindow"]!) < Hours(windowSize));
    }

    [Theory]
    [InlineData(0, "14.4", "1h", "5m")]
    [InlineData(1, "6", "6h", "30m")]
    [InlineData(2, "1", "2d", "6h")]
    public void Build_BurnRateQuery_FiresWhenBothWindowsBurnAtTheFactor(int index, string factor, string longWindow, string shortWindow)
    {
        var query = Query(BurnRateRules[index]!);

        Assert.StartsWith("let errorBudget = 0.001;", query, StringComparison.Ordinal);
        Assert.Contains($"let factor = {factor};", query, StringComparison.Ordinal);
        Assert.Contains($"let longWindow = {longWindow};", query, StringComparison.Ordinal);
        Assert.Contains($"let shortWindow = {shortWindow};", query, StringComparison.Ordinal);
        Assert.Contains("let minFailed = 2;", query, StringComparison.Ordinal);
        Assert.Contains("AppAvailabilityResults", query, StringComparison.Ordinal);
        Assert.Contains("| where TimeGenerated > ago(longWindow)", query, StringComparison.Ordinal);
        Assert.Contains("ShortFailed = countif(TimeGenerated > ago(shortWindow) and not(Success))", query, StringComparison.Ordinal);
        Assert.Contains("todouble(LongFailed) / LongTotal / errorBudget", query, StringComparison.Ordinal);
        Assert.Contains("todouble(ShortFailed) / ShortTotal / errorBudget", query, StringComparison.Ordinal);
        Assert.Contains("| where LongBurnRate >= factor and ShortBurnRate >= factor and LongFailed >= minFailed", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BurnRateQueries_ReadTheAvailabilityTestsResults()
    {
        Assert.All(BurnRateRules, rule =>
            Assert.Contains($"| where Name == '{BurnRateRule.Variables["webTestName"]}'", Query(rule!), StringComparison.Ordinal));
        Assert.Equal("[variables('webTestName')]", (string?)WebTest.Properties!["Name"]);
    }

    [Fact]
    public void Build_BurnRateRules_QueryTheWorkspaceAndPageOrTicket()
    {
        var properties = BurnRateRule.Properties!;
        var criterion = Assert.Single(properties["criteria"]?["allOf"]?.AsArray() ?? [])!;

        Assert.Equal(["[parameters('workspaceId')]"], properties["scopes"]?.AsArray().Select(scope => (string?)scope));
        Assert.Equal("[variables('burnRateRules')[copyIndex()].windowSize]", (string?)properties["windowSize"]);
        Assert.Equal("Count", (string?)criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int?)criterion["threshold"]);
        Assert.True((bool?)properties["autoMitigate"]);
        Assert.Equal(
            "[if(variables('burnRateRules')[copyIndex()].page, resourceId('Microsoft.Insights/actionGroups', format('{0}-page-ag', parameters('namePrefix'))), resourceId('Microsoft.Insights/actionGroups', format('{0}-ticket-ag', parameters('namePrefix'))))]",
            (string?)properties["actions"]?["actionGroups"]?[0]);
        Assert.Equal([1, 1, 3], BurnRateRules.Select(rule => (int?)rule!["severity"]));
        Assert.Equal(2, sut.OfType("Microsoft.Insights/actionGroups", ModuleNames.AvailabilityAlerts).Count);

        var workspace = (string?)sut.Deployment(ModuleNames.AvailabilityAlerts).Properties?["parameters"]?["workspaceId"]?["value"];
        Assert.EndsWith($"'{ModuleNames.Monitoring}'), '2025-04-01').outputs.workspaceId.value]", workspace, StringComparison.Ordinal);
    }

    // The query one rule gets: the template with that rule's values, as format() fills it in Azure.
    private string Query(JsonNode rule)
    {
        var template = (string)BurnRateRule.Variables["burnRateQueryTemplate"]!;
        return string.Format(
            CultureInfo.InvariantCulture,
            template,
            (string?)BurnRateRule.Variables["webTestName"],
            (string?)rule["longWindow"],
            (string?)rule["shortWindow"],
            (string?)rule["factor"],
            (string?)BurnRateRule.Variables["errorBudget"],
            (int)BurnRateRule.Variables["minFailedResults"]!).TrimStart();
    }

    private static double Hours(string span) => span switch
    {
        ['P', 'T', .. var rest] when rest.EndsWith('H') => double.Parse(rest[..^1], CultureInfo.InvariantCulture),
        ['P', .. var rest] when rest.EndsWith('D') => 24 * double.Parse(rest[..^1], CultureInfo.InvariantCulture),
        [.. var number, 'h'] => double.Parse(number, CultureInfo.InvariantCulture),
        [.. var number, 'm'] => double.Parse(number, CultureInfo.InvariantCulture) / 60,
        [.. var number, 'd'] => 24 * double.Parse(number, CultureInfo.InvariantCulture),
        _ => throw new FormatException(span),
    };

    [Fact]
    public void Build_PageGroup_CallsTheIncidentsWebhookOnlyWhenItsSecureUrlIsGiven()
    {
        var page = sut.OfType("Microsoft.Insights/actionGroups", ModuleNames.AvailabilityAlerts)
            .Single(group => ((string?)group.Json["name"] ?? "").Contains("-page-ag", StringComparison.Ordinal));
        var ticket = sut.OfType("Microsoft.Insights/actionGroups", ModuleNames.AvailabilityAlerts)
            .Single(group => ((string?)group.Json["name"] ?? "").Contains("-ticket-ag", StringComparison.Ordinal));

        // The URL carries the function key: a secure parameter with no value in the template, passed at deployment.
        Assert.Equal(
            "[if(empty(parameters('incidentAlertWebhookUrl')), createArray(), createArray(createObject('name', 'incidents', 'serviceUri', parameters('incidentAlertWebhookUrl'), 'useCommonAlertSchema', true())))]",
            (string?)page.Properties!["webhookReceivers"]);
        Assert.Equal("securestring", (string?)page.Parameters["incidentAlertWebhookUrl"]?["type"]);
        Assert.Equal("", (string?)page.Parameters["incidentAlertWebhookUrl"]?["defaultValue"]);
        Assert.Equal("securestring", (string?)sut.Root["parameters"]?["incidentAlertWebhookUrl"]?["type"]);
        Assert.Equal("[parameters('incidentAlertWebhookUrl')]", (string?)sut.Deployment(ModuleNames.AvailabilityAlerts).Properties?["parameters"]?["incidentAlertWebhookUrl"]?["value"]);
        Assert.Null(ticket.Properties!["webhookReceivers"]);
    }
}
