using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// Where the signals and a person's answers reach the automated failover, with the host's own Durable Task client: a
/// signal starts the one instance (<see cref="FailoverSignals.InstanceId"/>) or, while it runs, is raised to it as an
/// event, so an alert storm is one failover. Signals are serialized within a host; two hosts starting at once end with
/// one instance too (the second start fails and raises its signal instead).
/// </summary>
public sealed class AutoFailoverStarter(IOptions<AutoFailoverOptions> options) : IDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);

    public async Task<FailoverSignalResult> SignalAsync(FailoverSignal signal, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return FailoverSignalResult.Disabled;
        }

        await one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var instance = await client.GetInstanceAsync(FailoverSignals.InstanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
            if (IsRunning(instance))
            {
                await client.RaiseEventAsync(FailoverSignals.InstanceId, FailoverSignals.SignalEvent, signal, ct).ConfigureAwait(false);
                return FailoverSignalResult.Joined;
            }

            if (instance is not null)
            {
                // The last run's decisions are in the decision log; its instance only holds the fixed id.
                await client.PurgeInstanceAsync(FailoverSignals.InstanceId, ct).ConfigureAwait(false);
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(AutoFailoverOrchestrator),
                    new AutoFailoverStart(signal, settings.ConfirmWithin, settings.ApprovalWait, settings.MinimumInterval),
                    new StartOrchestrationOptions(FailoverSignals.InstanceId),
                    ct).ConfigureAwait(false);
                return FailoverSignalResult.Started;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Another host of this task hub started it in between: join it.
                await client.RaiseEventAsync(FailoverSignals.InstanceId, FailoverSignals.SignalEvent, signal, ct).ConfigureAwait(false);
                return FailoverSignalResult.Joined;
            }
        }
        finally
        {
            one.Release();
        }
    }

    /// <summary>A person's answer at the approval gate; false when no automated failover is running to take it.</summary>
    public async Task<bool> AnswerAsync(FailoverApproval approval, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(FailoverSignals.InstanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (!IsRunning(instance))
        {
            return false;
        }

        await client.RaiseEventAsync(FailoverSignals.InstanceId, FailoverSignals.ApprovalEvent, approval, ct).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => one.Dispose();

    private static bool IsRunning(OrchestrationMetadata? instance) =>
        instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
}

/// <summary>What became of a signal.</summary>
public enum FailoverSignalResult
{
    /// <summary><c>Recovery:AutoFailover:Enabled</c> is false: nothing started.</summary>
    Disabled,

    /// <summary>It started the automated failover.</summary>
    Started,

    /// <summary>One was running: the signal was raised to it.</summary>
    Joined,
}
