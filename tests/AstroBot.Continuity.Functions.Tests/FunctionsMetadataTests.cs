using System.Text.Json;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.Drills.Restore;
using AstroBot.Continuity.Recovery.Failover;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// Reads the <c>functions.metadata</c> the Functions SDK generated at build time: what Azure will actually
/// index. A trigger, route or queue name that drifts from what the local host serves fails here.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Functions = LoadFunctions();

    public static TheoryData<string, string, string> HttpFunctions => new()
    {
        { "WhatsAppWebhookVerify", "get", "whatsapp/webhook" },
        { "WhatsAppWebhookDeliver", "post", "whatsapp/webhook" },
        { "HealthAlive", "get", "health" },
        { "HealthReady", "get", "health/ready" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_IsAnonymousWithRouteAndMethod(string name, string method, string route)
    {
        var trigger = TriggerOf(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    public static TheoryData<string, string, string> OperatorHttpFunctions => new()
    {
        { "BackupStatusHttp", "get", HttpRoutes.BackupStatus },
        { "BackupRestoreStart", "post", HttpRoutes.BackupRestore },
        { "PortabilityImport", "post", HttpRoutes.PortabilityImport },
        { "MaintenanceStatus", "get", HttpRoutes.Maintenance },
        { "MaintenanceStart", "post", HttpRoutes.Maintenance },
        { "MaintenanceStop", "delete", HttpRoutes.Maintenance },
        { "SlaReport", "get", HttpRoutes.SlaReport },
        { "DrillStart", "post", HttpRoutes.DrillStart },
        { "DrillList", "get", HttpRoutes.Drills },
        { "DrillShow", "get", HttpRoutes.Drill },
        { "DrillReport", "get", HttpRoutes.DrillReport },
        { "IncidentStatus", "get", HttpRoutes.Incidents },
        { "IncidentOpen", "post", HttpRoutes.Incidents },
        { "IncidentResolve", "post", HttpRoutes.IncidentsResolve },
        { "IncidentAlert", "post", HttpRoutes.IncidentsAlert },
        { "FailoverStatus", "get", HttpRoutes.Failover },
        { "FailoverApprove", "post", HttpRoutes.FailoverApprove },
        { "FailoverReject", "post", HttpRoutes.FailoverReject },
    };

    /// <summary>The public status: anonymous, every method declared, so the endpoint answers 405 to all but GET and HEAD as the local host does.</summary>
    public static TheoryData<string, string> PublicStatusFunctions => new()
    {
        { "StatusJson", HttpRoutes.Status },
        { "StatusPage", HttpRoutes.StatusPage },
    };

    public static TheoryData<string, string> TimerFunctions => new()
    {
        { "MessageLedgerPrune", Schedules.MessageLedgerPrune.TriggerExpression },
        { "BackupFull", Schedules.BackupFull.TriggerExpression },
        { "BackupIncremental", Schedules.BackupIncremental.TriggerExpression },
        { "BackupVerify", Schedules.BackupVerify.TriggerExpression },
        { "BackupRestoreTest", Schedules.BackupRestoreTest.TriggerExpression },
        { "BackupPrune", Schedules.BackupPrune.TriggerExpression },
        { "BackupStatus", Schedules.BackupStatus.TriggerExpression },
        { "InboxPoisonWatch", Schedules.InboxPoisonWatch.TriggerExpression },
        { "MaintenanceDrain", Schedules.MaintenanceDrain.TriggerExpression },
        { "OutboxDrain", Schedules.OutboxDrain.TriggerExpression },
        { "AvailabilityProbe", Schedules.AvailabilityProbe.TriggerExpression },
        { "IncidentNotices", Schedules.IncidentNotices.TriggerExpression },
        { "AvailabilityProbePrune", Schedules.AvailabilityProbePrune.TriggerExpression },
        { "RestoreDrill", Schedules.RestoreDrill.TriggerExpression },
        { "FailoverDrill", Schedules.FailoverDrill.TriggerExpression },
        { "NativeBackupDrill", Schedules.NativeBackupDrill.TriggerExpression },
    };

    public static TheoryData<string, string> DurableFunctions => new()
    {
        { nameof(BackupOrchestrator), "orchestrationTrigger" },
        { nameof(PlanBackupActivity), "activityTrigger" },
        { nameof(BackupSliceActivity), "activityTrigger" },
        { nameof(CommitBackupActivity), "activityTrigger" },
        { nameof(FailBackupActivity), "activityTrigger" },
        { nameof(BackupVerifyOrchestrator), "orchestrationTrigger" },
        { nameof(ListPendingVerificationsActivity), "activityTrigger" },
        { nameof(DeepVerifySliceActivity), "activityTrigger" },
        { nameof(RecordVerificationActivity), "activityTrigger" },
        { nameof(RestoreTestOrchestrator), "orchestrationTrigger" },
        { nameof(PlanRestoreTestActivity), "activityTrigger" },
        { nameof(ReadBackRestoreTestActivity), "activityTrigger" },
        { nameof(CompleteRestoreTestActivity), "activityTrigger" },
        { nameof(RestoreOrchestrator), "orchestrationTrigger" },
        { nameof(PlanRestoreActivity), "activityTrigger" },
        { nameof(CheckRestoreStepActivity), "activityTrigger" },
        { nameof(BeginRestoreWritesActivity), "activityTrigger" },
        { nameof(RestoreStepActivity), "activityTrigger" },
        { nameof(CompleteRestoreActivity), "activityTrigger" },
        { nameof(ExportOrchestrator), "orchestrationTrigger" },
        { nameof(BuildExportActivity), "activityTrigger" },
        { nameof(DeliverExportActivity), "activityTrigger" },
        { nameof(FailExportActivity), "activityTrigger" },
        { nameof(FailDrillActivity), "activityTrigger" },
        { nameof(RestoreDrillOrchestrator), "orchestrationTrigger" },
        { nameof(PlanRestoreDrillActivity), "activityTrigger" },
        { nameof(CompareRestoreDrillSampleActivity), "activityTrigger" },
        { nameof(CompleteRestoreDrillActivity), "activityTrigger" },
        { nameof(FailoverDrillOrchestrator), "orchestrationTrigger" },
        { nameof(CheckFailoverPreconditionsActivity), "activityTrigger" },
        { nameof(SendFailoverCanariesActivity), "activityTrigger" },
        { nameof(CheckWebhookPathActivity), "activityTrigger" },
        { nameof(SetRegionOrderActivity), "activityTrigger" },
        { nameof(StopFailoverCanariesActivity), "activityTrigger" },
        { nameof(CompleteFailoverDrillActivity), "activityTrigger" },
        { nameof(AutoFailoverOrchestrator), "orchestrationTrigger" },
        { nameof(RecordFailoverDecisionActivity), "activityTrigger" },
        { nameof(ReadRegionOutageActivity), "activityTrigger" },
        { nameof(ReadLastFailoverSwitchActivity), "activityTrigger" },
        { nameof(OpenFailoverIncidentActivity), "activityTrigger" },
        { nameof(SwitchToSecondaryActivity), "activityTrigger" },
        { nameof(VerifyFailoverPathActivity), "activityTrigger" },
        { nameof(NativeBackupDrillOrchestrator), "orchestrationTrigger" },
        { nameof(PlanNativeBackupDrillActivity), "activityTrigger" },
        { nameof(StartNativeBackupRestoreActivity), "activityTrigger" },
        { nameof(PollNativeBackupDrillActivity), "activityTrigger" },
        { nameof(CompareNativeBackupSampleActivity), "activityTrigger" },
        { nameof(CountNativeBackupItemsActivity), "activityTrigger" },
        { nameof(StartNativeBackupDeleteActivity), "activityTrigger" },
        { nameof(CompleteNativeBackupDrillActivity), "activityTrigger" },
    };

    [Theory]
    [MemberData(nameof(OperatorHttpFunctions))]
    public void OperatorHttpFunction_NeedsAFunctionKey(string name, string method, string route)
    {
        var trigger = TriggerOf(name);

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(PublicStatusFunctions))]
    public void PublicStatusFunction_IsAnonymousForEveryMethod(string name, string route)
    {
        var trigger = TriggerOf(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.False(trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array, "no methods listed: the host passes every method on");
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(TimerFunctions))]
    public void TimerFunction_RunsOnItsScheduleSetting(string name, string schedule)
    {
        var trigger = TriggerOf(name);

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
    }

    [Theory]
    [MemberData(nameof(DurableFunctions))]
    public void DurableFunction_IsNamedAsTheLocalHostRegistersIt(string name, string triggerType)
    {
        Assert.Equal(triggerType, TriggerOf(name).GetProperty("type").GetString());
    }

    [Fact]
    public void InboxFunction_TriggersOnTheFrontDoorsQueue()
    {
        var trigger = TriggerOf("WhatsAppInbox");

        // The queue the front door writes to, from the same setting (Bicep and local.settings set it).
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%FrontDoor:InboxQueueName%", trigger.GetProperty("queueName").GetString());
    }

    [Fact]
    public void ExportRequestFunction_TriggersOnThePortabilityQueueWithADurableClient()
    {
        var trigger = TriggerOf("PortabilityExportRequest");
        var bindings = Functions["PortabilityExportRequest"].GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString());

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%Portability:ExportRequestQueueName%", trigger.GetProperty("queueName").GetString());
        Assert.Contains("durableClient", bindings);
    }

    [Theory]
    [InlineData("IncidentAlert")]
    [InlineData("AvailabilityProbe")]
    public void AutomatedFailoverSignal_HasADurableClient(string name)
    {
        // The paging alert and the probe signal the automated failover, which needs the invocation's Durable client.
        var bindings = Functions[name].GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString());

        Assert.Contains("durableClient", bindings);
    }

    [Fact]
    public void LedgerPruneFunction_RunsOnTheSharedScheduleSetting()
    {
        var trigger = TriggerOf("MessageLedgerPrune");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%MessageLedgerPruneSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.Equal(Schedules.MessageLedgerPrune.TriggerExpression, trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Metadata_ListsExactlyTheKnownFunctions()
    {
        var expected = HttpFunctions.Concat(OperatorHttpFunctions).Select(row => (string)row[0])
            .Concat(PublicStatusFunctions.Select(row => (string)row[0]))
            .Concat(TimerFunctions.Select(row => (string)row[0]))
            .Concat(DurableFunctions.Select(row => (string)row[0]))
            .Append("WhatsAppInbox")
            .Append("PortabilityExportRequest")
            .Order();

        Assert.Equal(expected, Functions.Keys.Order());
    }

    private static JsonElement TriggerOf(string functionName)
    {
        Assert.True(Functions.TryGetValue(functionName, out var function), $"functions.metadata has no function {functionName}");
        return function.GetProperty("bindings").EnumerateArray()
            .Single(binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static Dictionary<string, JsonElement> LoadFunctions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(
            function => function.GetProperty("name").GetString()!,
            function => function.Clone());
    }
}
