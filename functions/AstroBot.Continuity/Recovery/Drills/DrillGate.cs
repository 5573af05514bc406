using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// Lets one drill in at a time: refuses on production data without the confirmation setting and while another drill
/// runs; takes over from a drill whose orchestration is gone (or that held the lock past <c>Recovery:DrillTimeout</c>),
/// cleaning up after it first; then writes the new drill's record. Every way of starting a drill goes through here.
/// Each region has a task hub of its own: only a drill that runs in this region's is asked after; one another region
/// (or the CLI) runs ends only by its record or the timeout, so a start in one region never abandons the other's drill.
/// </summary>
public sealed class DrillGate(
    DrillHistory history,
    DrillRecorder recorder,
    IEnumerable<IDrillCleanup> cleanups,
    IOptions<RecoveryOptions> options,
    IOptions<ProbeOptions> region,
    TimeProvider time,
    ILogger<DrillGate> logger)
{
    /// <param name="isRunning">Whether a drill's orchestration still runs in this region's task hub (the host's Durable client); null for an engine of its own (the CLI's).</param>
    public async Task<DrillStartResult> EnterAsync(DrillKind kind, string startedBy, Func<string, CancellationToken, Task<bool>>? isRunning, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.ProductionData && !settings.ConfirmDrillsOnProductionData)
        {
            return Refused(kind, DrillStartResult.Refuse(
                "this deployment holds production data (Recovery:ProductionData) and Recovery:ConfirmDrillsOnProductionData is not set"));
        }

        var now = time.GetUtcNow();
        var drillId = DrillId.New(kind, now);
        if (await history.TryLockAsync(drillId, ct).ConfigureAwait(false) is { } holder)
        {
            if (await IsAliveAsync(holder, isRunning, now, ct).ConfigureAwait(false))
            {
                return Refused(kind, DrillStartResult.Refuse($"drill {holder} is under way; one drill runs at a time", holder));
            }

            await AbandonAsync(holder, ct).ConfigureAwait(false);
            if (await history.TryLockAsync(drillId, ct).ConfigureAwait(false) is { } other)
            {
                return Refused(kind, DrillStartResult.Refuse($"drill {other} started first; one drill runs at a time", other));
            }
        }

        var scenario = DrillKinds.ScenarioOf(kind);
        var record = new DrillRecord(drillId, kind, scenario, startedBy, now, settings.ObjectiveOf(scenario), RunsIn: isRunning is null ? null : region.Value.Region);
        await history.SaveAsync(record, ct).ConfigureAwait(false);
        LogMessages.DrillStarted(logger, drillId, kind, startedBy);
        return new DrillStartResult(record, null);
    }

    private async Task<bool> IsAliveAsync(string holder, Func<string, CancellationToken, Task<bool>>? isRunning, DateTimeOffset now, CancellationToken ct)
    {
        var record = await history.FindAsync(holder, ct).ConfigureAwait(false);
        if (record is null or { IsOver: true } || now - record.StartedAt > options.Value.DrillTimeout)
        {
            return false;
        }

        return isRunning is null || record.RunsIn != region.Value.Region || await isRunning(holder, ct).ConfigureAwait(false);
    }

    private async Task AbandonAsync(string holder, CancellationToken ct)
    {
        var record = await history.FindAsync(holder, ct).ConfigureAwait(false);
        var cleanup = record is { IsOver: false } && cleanups.FirstOrDefault(candidate => candidate.Kind == record.Kind) is { } cleaner
            ? await cleaner.CleanUpAsync(record, ct).ConfigureAwait(false)
            : "Its host stopped before it finished.";
        await recorder.AbandonAsync(holder, cleanup, ct).ConfigureAwait(false);
    }

    private DrillStartResult Refused(DrillKind kind, DrillStartResult refusal)
    {
        LogMessages.DrillRefused(logger, kind, refusal.Refused!);
        return refusal;
    }
}
