using AstroBot.Continuity.Recovery.Failover;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

[Trait("Category", "Durable")]
public class AutoFailoverOrchestratorTests
{
    [Fact]
    public async Task RunAsync_ConfirmedAndApproved_SwitchesRecordsAndOpensTheIncident()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ApprovalWait"] = "00:05:00" });

        Assert.Equal(FailoverSignalResult.Started, await host.SignalAsync());
        await host.AwaitingApprovalAsync();
        Assert.Equal(0, host.Regions.Changes);
        Assert.True(await host.Starter.AnswerAsync(new FailoverApproval(true, "ops"), host.Client, CancellationToken.None));
        var last = await host.CompletionAsync();

        Assert.Equal(["region-2", "region-1"], host.Regions.Order);
        Assert.Equal(["region-1"], host.TakenOffline);
        Assert.StartsWith("verify: path through region-2 works", last, StringComparison.Ordinal);
        var decisions = await host.Decisions.RecentAsync(20, CancellationToken.None);
        Assert.Equal(["signal", "confirm", "incident", "approval", "switch", "verify"], decisions.Reverse().Select(decision => decision.Step));
        Assert.Contains(decisions, decision => decision is { Step: "approval", Said: "approved by ops" });
        Assert.True(decisions.Single(decision => decision.Step == "switch").Switched);
        var incident = await host.Incidents.ReadCurrentAsync(CancellationToken.None);
        Assert.True(incident is { IsOpen: true, OpenedBy: AutoFailoverOrchestrator.IncidentOpener }, incident?.OpenedBy);
    }

    [Fact]
    public async Task RunAsync_ApprovalNeverComesAndTheOutagePersists_ProceedsAfterTheWait()
    {
        await using var host = await AutoFailoverHost.StartAsync();

        await host.SignalAsync();
        var last = await host.CompletionAsync();

        Assert.Equal(1, host.Regions.Changes);
        Assert.StartsWith("verify:", last, StringComparison.Ordinal);
        var approval = (await host.Decisions.RecentAsync(20, CancellationToken.None)).Single(decision => decision.Step == "approval");
        Assert.StartsWith("no approval came within 2 s and the outage persists, so proceeding", approval.Said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ApprovalNeverComesAndTheOutageIsOver_StandsDown()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ApprovalWait"] = "00:00:04" });

        await host.SignalAsync();
        await host.AwaitingApprovalAsync();
        host.Outage.PrimaryDown = false;
        var last = await host.CompletionAsync();

        Assert.Equal(0, host.Regions.Changes);
        Assert.StartsWith("approval: stood down, nothing switched: no approval came within 4 s and the outage is over", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Rejected_StandsDown()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ApprovalWait"] = "00:05:00" });

        await host.SignalAsync();
        await host.AwaitingApprovalAsync();
        await host.Starter.AnswerAsync(new FailoverApproval(false, "ops"), host.Client, CancellationToken.None);
        var last = await host.CompletionAsync();

        Assert.Equal(0, host.Regions.Changes);
        Assert.Equal("approval: stood down, nothing switched: rejected by ops", last);
    }

    [Fact]
    public async Task RunAsync_NoSecondSignal_StandsDownNothingSwitched()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        host.Outage.PrimaryDown = false;

        await host.SignalAsync();
        var last = await host.CompletionAsync();

        Assert.Equal(0, host.Regions.Changes);
        Assert.StartsWith("confirm: stood down, nothing switched: no second signal within 2 s", last, StringComparison.Ordinal);
        Assert.Null(await host.Incidents.ReadCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ConfirmedByTheOtherSourcesSignal_GoesOn()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:ConfirmWithin"] = "00:01:00" });
        host.Outage.PrimaryDown = false; // the probe's records do not show it yet: only the probe's own signal confirms

        await host.SignalAsync(FailoverSignals.Alert);
        Assert.Equal(FailoverSignalResult.Joined, await host.SignalAsync(FailoverSignals.Alert));
        Assert.Equal(FailoverSignalResult.Joined, await host.SignalAsync(FailoverSignals.Probe));
        await host.AwaitingApprovalAsync();
        await host.Starter.AnswerAsync(new FailoverApproval(true, "ops"), host.Client, CancellationToken.None);
        await host.CompletionAsync();

        Assert.Equal(1, host.Regions.Changes);
        var signals = (await host.Decisions.RecentAsync(20, CancellationToken.None)).Where(decision => decision.Step == "signal").Select(decision => decision.Said);
        Assert.Equal(["probe: test probe", "alert: test alert"], signals);
    }

    [Fact]
    public async Task RunAsync_SecondaryNotReady_StandsDown()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        host.Outage.SecondaryReady = false;

        await host.SignalAsync();
        var last = await host.CompletionAsync();

        Assert.Equal(0, host.Regions.Changes);
        Assert.Contains("the secondary cannot take the traffic", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignalAsync_AlertStorm_OneOrchestrationOneSwitch()
    {
        await using var host = await AutoFailoverHost.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => host.SignalAsync()));
        await host.CompletionAsync();

        Assert.Equal(1, results.Count(result => result == FailoverSignalResult.Started));
        Assert.Equal(39, results.Count(result => result == FailoverSignalResult.Joined));
        Assert.Equal(1, host.Regions.Changes);
        Assert.Single(await host.Decisions.RecentAsync(100, CancellationToken.None), decision => decision.Step == "signal");
    }

    [Fact]
    public async Task RunAsync_SwitchedWithinTheMinimumInterval_StandsDownAndLeavesItToAPerson()
    {
        await using var host = await AutoFailoverHost.StartAsync();
        await host.SignalAsync();
        await host.CompletionAsync();

        Assert.Equal(FailoverSignalResult.Started, await host.SignalAsync());
        var last = await host.CompletionAsync();

        Assert.Equal(1, host.Regions.Changes);
        Assert.StartsWith("guard: stood down, nothing switched: the traffic was last moved at", last, StringComparison.Ordinal);
        Assert.Contains("a person must decide", last, StringComparison.Ordinal);
        Assert.True((await host.Incidents.ReadCurrentAsync(CancellationToken.None))?.IsOpen);
    }

    [Fact]
    public async Task SignalAsync_Disabled_StartsNothing()
    {
        await using var host = await AutoFailoverHost.StartAsync(new Dictionary<string, string?> { ["Recovery:AutoFailover:Enabled"] = "false" });

        Assert.Equal(FailoverSignalResult.Disabled, await host.SignalAsync());
        Assert.Null(await host.Client.GetInstanceAsync(FailoverSignals.InstanceId, CancellationToken.None));
    }
}
