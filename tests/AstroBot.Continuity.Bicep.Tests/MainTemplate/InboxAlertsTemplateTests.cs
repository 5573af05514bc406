namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>The poison-queue alerts (modules/inboxAlerts.bicep), wired to the operators' ticket group.</summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class InboxAlertsTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    [Fact]
    public void Build_InboxAlerts_TwoRulesOverThePoisonWatchEventTicketingTheOperators()
    {
        var rules = sut.OfType("Microsoft.Insights/scheduledQueryRules", ModuleNames.InboxAlerts);
        var inputs = sut.Deployment(ModuleNames.InboxAlerts).Properties?["parameters"];

        Assert.Equal(2, rules.Count);
        Assert.Equal(ContinuityEventId.PoisonQueueChecked, (int?)rules[0].Variables["checkedEventId"]); // the event the app logs
        Assert.Equal(
            $"[reference(resourceId('Microsoft.Resources/deployments', '{ModuleNames.AvailabilityAlerts}'), '2025-04-01').outputs.ticketActionGroupId.value]",
            (string?)inputs?["actionGroupId"]?["value"]);
    }
}
