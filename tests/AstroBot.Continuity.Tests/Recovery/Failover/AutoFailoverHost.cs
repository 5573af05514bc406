using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Recovery;
using AstroBot.Continuity.Recovery.Drills.Failover;
using AstroBot.Continuity.Recovery.Failover;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Recovery.Failover;

/// <summary>
/// The backend's own registration (<c>AddContinuityBackend</c>) with the drill and failover tasks on the real in-process
/// Durable Task engine, a decision table and an incident table of its own in Azurite, and stubs where the regions are:
/// the switch, the outage evidence, the database's forced failover and the webhook path.
/// </summary>
internal sealed class AutoFailoverHost : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly IHost host;

    private AutoFailoverHost(IHost host) => this.host = host;

    public RegionsStub Regions { get; } = new("region-1", "region-2");

    public OutageStub Outage { get; } = new();

    public List<string> TakenOffline { get; } = [];

    public IServiceProvider Services => host.Services;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public AutoFailoverStarter Starter => host.Services.GetRequiredService<AutoFailoverStarter>();

    public FailoverDecisionLog Decisions => host.Services.GetRequiredService<FailoverDecisionLog>();

    public IncidentStore Incidents => host.Services.GetRequiredService<IncidentStore>();

    public static async Task<AutoFailoverHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var stubs = new Stubs();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Cosmos:Endpoint"] = EmulatorEndpoints.CosmosEndpoint,
            ["Cosmos:Key"] = EmulatorEndpoints.CosmosKey,
            ["Cosmos:DatabaseName"] = "unused",
            ["Crypto:Kek"] = Convert.ToBase64String(new byte[32]),
            ["WhatsApp:AppSecret"] = "unused", ["WhatsApp:VerifyToken"] = "unused", ["WhatsApp:AccessToken"] = "unused", ["WhatsApp:PhoneNumberId"] = "1",
            ["Recovery:DrillTableName"] = EmulatorEndpoints.UniqueName("autofailover"),
            ["Incidents:TableName"] = EmulatorEndpoints.UniqueName("incidents"),
            ["Recovery:AutoFailover:Enabled"] = "true",
            ["Recovery:AutoFailover:ConfirmWithin"] = "00:00:02",
            ["Recovery:AutoFailover:ApprovalWait"] = "00:00:02",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging().AddContinuityBackend(builder.Configuration);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddSingleton<IRegionSwitch>(_ => stubs.Host!.Regions);
        builder.Services.AddSingleton<IRegionOutage>(_ => stubs.Host!.Outage);
        builder.Services.AddSingleton<IForcedFailover>(_ => new ForcedStub(stubs.Host!.TakenOffline));
        builder.Services.AddSingleton<IFailoverPathCheck, PathStub>();
        builder.Services.AddInMemoryDurableTask(tasks => tasks.AddDrillTasks(), new InMemoryDurableTaskOptions { Port = LoopbackPorts.Free() });
        var built = builder.Build();
        var started = new AutoFailoverHost(built);
        stubs.Host = started;
        await built.StartAsync();
        return started;
    }

    public Task<FailoverSignalResult> SignalAsync(string source = FailoverSignals.Alert) =>
        Starter.SignalAsync(new FailoverSignal(source, $"test {source}"), Client, CancellationToken.None);

    /// <summary>Waits until the instance waits at the approval gate.</summary>
    public Task AwaitingApprovalAsync() => Eventually.HoldsAsync(
        async ct => (await Client.GetInstanceAsync(FailoverSignals.InstanceId, getInputsAndOutputs: true, ct))?.SerializedCustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) == true,
        Bound);

    /// <summary>Waits for the instance to end and returns its last decision, in words.</summary>
    public async Task<string> CompletionAsync()
    {
        using var bound = new CancellationTokenSource(Bound);
        var instance = await Client.WaitForInstanceCompletionAsync(FailoverSignals.InstanceId, getInputsAndOutputs: true, bound.Token);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
        return instance.ReadOutputAs<string>()!;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private sealed class Stubs
    {
        public AutoFailoverHost? Host { get; set; }
    }

    internal sealed class RegionsStub(params string[] order) : IRegionSwitch
    {
        private int changes;

        public IReadOnlyList<string> Order { get; private set; } = order;

        public int Changes => Volatile.Read(ref changes);

        public string Describe => "a stub";

        public Task<RegionLayout> ReadAsync(CancellationToken ct) => Task.FromResult(Layout());

        public Task<RegionLayout> SetOrderAsync(IReadOnlyList<string> order, CancellationToken ct)
        {
            Order = order;
            Interlocked.Increment(ref changes);
            return Task.FromResult(Layout());
        }

        private RegionLayout Layout() => new([.. Order.Select((name, index) => new RegionPlace(name, index + 1, null, "in_service"))], Order[0]);
    }

    internal sealed class OutageStub : IRegionOutage
    {
        public bool PrimaryDown { get; set; } = true;

        public bool SecondaryReady { get; set; } = true;

        public Task<OutageReading> ReadAsync(CancellationToken ct) => Task.FromResult(
            new OutageReading(PrimaryDown, SecondaryReady, "region-1", "region-2", $"stub: primary {(PrimaryDown ? "down" : "up")}, secondary {(SecondaryReady ? "ready" : "not ready")}"));
    }

    private sealed class ForcedStub(List<string> taken) : IForcedFailover
    {
        public Task<string> TakeOfflineAsync(string region, CancellationToken ct)
        {
            lock (taken)
            {
                taken.Add(region);
            }

            return Task.FromResult($"{region} taken offline (stub)");
        }
    }

    private sealed class PathStub : IFailoverPathCheck
    {
        public Task<string> CheckAsync(string region, CancellationToken ct) => Task.FromResult($"path through {region} works (stub)");
    }
}
