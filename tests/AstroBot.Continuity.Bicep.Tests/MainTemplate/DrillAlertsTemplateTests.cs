namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>The drill alert (modules/drillAlerts.bicep), wired to the operators' ticket group.</summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class DrillAlertsTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Fact]
    public void Build_DrillAlerts_OneRuleOverTheDrillNotPassedEventPerDrillTicketingTheOperators()
    {
        var rule = Assert.Single(sut.OfType("Microsoft.Insights/scheduledQueryRules", ModuleNames.DrillAlerts));
        var inputs = sut.Deployment(ModuleNames.DrillAlerts).Properties?["parameters"];

        Assert.Equal(ContinuityEventId.DrillNotPassed, (int?)rule.Variables["notPassedEventId"]); // the event the app logs
        Assert.Equal("DrillId", (string?)rule.Properties?["criteria"]?["allOf"]?[0]?["dimensions"]?[0]?["name"]);
        Assert.Equal(
            $"[reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.AvailabilityAlerts}'), '2025-04-01').outputs.ticketActionGroupId.value]",
            (string?)inputs?["actionGroupId"]?["value"]);
    }
}
