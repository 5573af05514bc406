using System.Diagnostics;
using AstroBot.Continuity.Bench.Backup;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Backup;
using AstroBot.Continuity.Local.Recovery;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Storage;
using Azure;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>
/// The backend on a <see cref="BackupBenchEnvironment"/>'s settings (the same source database, archive, tables and key),
/// with the backup and drill tasks on the real in-process Durable Task engine, as <c>continuity serve</c> runs them
/// (<c>AddContinuityBackend</c>, <c>AddBackupTasks().AddDrillTasks()</c>, a sidecar port from the OS), plus a drill table and
/// a scratch-database prefix of the run's own. It runs none of the backend's other background work: the availability
/// storage initializer would create the inbox, ledger and outbox under their default names in the shared Azurite account.
/// </summary>
internal sealed class DrillBenchHost : IAsyncDisposable
{
    private readonly IHost host;

    private DrillBenchHost(IHost host, string scratchPrefix)
    {
        this.host = host;
        ScratchPrefix = scratchPrefix;
    }

    /// <summary>Where the restore drills' scratch databases are made: the prefix, then the drill's id.</summary>
    public string ScratchPrefix { get; }

    /// <summary>The drills' settings as this host has them (the product's defaults).</summary>
    public RecoveryOptions Recovery => host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value;

    public static async Task<DrillBenchHost> StartAsync(BackupBenchEnvironment env, CancellationToken ct)
    {
        var scratchPrefix = $"bench{env.RunId}drill-";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(env.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recovery:DrillTableName"] = $"bench{env.RunId}drills",
            ["Backup:ScratchDatabasePrefix"] = scratchPrefix,
            // Validated when a host starts; a drill sends no WhatsApp message.
            ["WhatsApp:AppSecret"] = "unused", ["WhatsApp:VerifyToken"] = "unused", ["WhatsApp:AccessToken"] = "unused", ["WhatsApp:PhoneNumberId"] = "1",
        });
        builder.Services.AddLogging().AddContinuityBackend(builder.Configuration);
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        InMemoryDurableEngine.Add(builder.Services, tasks => tasks.AddBackupTasks().AddDrillTasks());
        var host = builder.Build();
        await host.StartAsync(ct).ConfigureAwait(false);
        return new DrillBenchHost(host, scratchPrefix);
    }

    /// <summary>
    /// Starts a restore drill as <c>POST /api/drills/restore</c> and the schedule do (<see cref="DrillOrchestrations"/>) and
    /// waits for its orchestration to end: the wall time from the start to the end, drop of the scratch database included,
    /// and the drill's record.
    /// </summary>
    /// <exception cref="InvalidOperationException">The drill was refused, or its orchestration did not complete.</exception>
    public async Task<Measured<DrillRecord>> RunRestoreDrillAsync(CancellationToken ct)
    {
        var services = host.Services;
        var client = services.GetRequiredService<DurableTaskClient>();
        var started = Stopwatch.GetTimestamp();
        var start = await services.GetRequiredService<DrillOrchestrations>().StartAsync(DrillKind.Restore, "bench", client, ct).ConfigureAwait(false);
        var drill = start.Started ?? throw new InvalidOperationException($"The restore drill was refused: {start.Refused}");
        var instance = await client.WaitForInstanceCompletionAsync(drill.DrillId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The restore drill's orchestration ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
        }

        var record = await services.GetRequiredService<DrillHistory>().FindAsync(drill.DrillId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The restore drill {drill.DrillId} has no record.");
        return new Measured<DrillRecord>(elapsed, record);
    }

    /// <summary>Removes the drill table and any scratch database a drill stopped part-way left; each step is best effort.</summary>
    public async Task DeleteResourcesAsync(TextWriter progress)
    {
        var ct = CancellationToken.None;
        try
        {
            var cosmos = host.Services.GetRequiredService<CosmosClient>();
            var left = new List<string>();
            using (var iterator = cosmos.GetDatabaseQueryIterator<DatabaseProperties>())
            {
                while (iterator.HasMoreResults)
                {
                    left.AddRange((await iterator.ReadNextAsync(ct).ConfigureAwait(false)).Select(database => database.Id).Where(id => id.StartsWith(ScratchPrefix, StringComparison.Ordinal)));
                }
            }

            foreach (var database in left)
            {
                progress.WriteLine($"  cleanup: a drill left its scratch database {database}");
                await CosmosDatabases.DropAsync(cosmos, database, ct).ConfigureAwait(false);
            }

            await host.Services.GetRequiredService<StorageClients>().Tables.DeleteTableAsync(Recovery.DrillTableName, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CosmosException or RequestFailedException or HttpRequestException)
        {
            progress.WriteLine($"  cleanup: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        host.Dispose();
    }
}
