using AstroBot.Continuity.Local.Backup;
using AstroBot.Continuity.Local.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Tests.Backup;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Recovery.Drills;

/// <summary>
/// The backend on a <see cref="BackupHarness"/>'s settings with the backup and drill tasks on the real in-process Durable
/// Task engine, as the local host runs them, with a drill table and a scratch-database prefix of its own.
/// </summary>
internal sealed class DrillHost(BackupHarness harness) : IAsyncDisposable
{
    private IHost? host;

    public string ScratchPrefix { get; } = EmulatorEndpoints.UniqueName("drill") + "-";

    public IServiceProvider Services => host!.Services;

    public DrillHistory History => Services.GetRequiredService<DrillHistory>();

    public Dictionary<string, string?> Settings { get; } = [];

    /// <param name="services">Replaces what the test plays after the product's registration (Resource Manager, a restored account).</param>
    public async Task<DrillHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Settings["Recovery:DrillTableName"] = harness.Table("drills");
        Settings["Backup:ScratchDatabasePrefix"] = ScratchPrefix;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }

        host = await DurableBackupHost.StartAsync(harness, (tasks, _) => tasks.AddBackupTasks().AddDrillTasks(), Settings, services);
        return this;
    }

    /// <summary>Starts a drill as the route and the schedules do, and waits for its orchestration to end.</summary>
    public async Task<DrillRecord> RunAsync(DrillKind kind)
    {
        var started = await StartAsync(kind);
        Assert.True(started.Started is not null, started.Refused);
        await WaitAsync(started.Started.DrillId);
        return (await History.FindAsync(started.Started.DrillId, CancellationToken.None))!;
    }

    public Task<DrillStartResult> StartAsync(DrillKind kind) =>
        Services.GetRequiredService<DrillOrchestrations>().StartAsync(kind, "test", Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);

    public async Task WaitAsync(string drillId)
    {
        using var bound = new CancellationTokenSource(DurableBackupHost.Bound);
        var instance = await Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(drillId, getInputsAndOutputs: false, bound.Token);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
    }

    /// <summary>Whether any database of this host's scratch prefix is left.</summary>
    public async Task<bool> ScratchDatabaseLeftAsync()
    {
        using var iterator = harness.Database.Client.GetDatabaseQueryIterator<Microsoft.Azure.Cosmos.DatabaseProperties>();
        while (iterator.HasMoreResults)
        {
            if ((await iterator.ReadNextAsync()).Any(database => database.Id.StartsWith(ScratchPrefix, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
