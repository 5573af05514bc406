using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Local.Backup;
using AstroBot.Continuity.Local.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>
/// A drill run by this process when the automation itself is down (docs/dr/README.md#drills): the same orchestration
/// as the hosts run, on the Durable Task engine in memory, through the same gate (one drill at a time, the production
/// guard) and into the same history. It ends with the process: stopped half-way, the next start finds it abandoned and
/// cleans up after it.
/// </summary>
internal static class InProcessDrill
{
    /// <summary>Runs a drill of <paramref name="kind"/> to its end: its record, or why it did not start.</summary>
    public static async Task<(DrillRecord? Drill, DrillStartRefusal? Refusal)> RunAsync(
        IConfiguration configuration, TimeProvider? time, DrillKind kind, string by, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        BackendServices.Register(builder.Services, configuration, time);
        InMemoryDurableEngine.Add(builder.Services, tasks => tasks.AddBackupTasks().AddDrillTasks());
        using var host = builder.Build();
        await host.StartAsync(ct).ConfigureAwait(false);
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var started = await host.Services.GetRequiredService<DrillOrchestrations>().StartAsync(kind, by, client, clientSeesOtherDrills: false, ct).ConfigureAwait(false);
            if (started.Started is not { } drill)
            {
                return (null, new DrillStartRefusal(ExitCodes.Refused, $"The drill was not started: {started.Refused}."));
            }

            var instance = await client.WaitForInstanceCompletionAsync(drill.DrillId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
            var recorder = host.Services.GetRequiredService<DrillRecorder>();
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                // An orchestration that died (one this engine does not have, a bug) left its record running and the lock held.
                return (await recorder.CompleteAsync(
                    drill.DrillId, [], new Dictionary<string, string>(), null, null,
                    $"Its orchestration ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage ?? "no reason given"}", CancellationToken.None).ConfigureAwait(false), null);
            }

            return (await recorder.GetAsync(drill.DrillId, ct).ConfigureAwait(false), null);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
