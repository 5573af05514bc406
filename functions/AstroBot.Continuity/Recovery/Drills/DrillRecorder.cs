using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// Writes a drill's record as it goes: facts as they become known, and the end (steps, measures, state), which also
/// releases the one-drill lock and logs the outcome (a failed or missed drill is a warning the alert rules watch).
/// </summary>
public sealed class DrillRecorder(DrillHistory history, TimeProvider time, ILogger<DrillRecorder> logger)
{
    /// <exception cref="InvalidOperationException">The drill has no record (its start did not write one).</exception>
    public async Task<DrillRecord> GetAsync(string drillId, CancellationToken ct) =>
        await history.FindAsync(drillId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Drill {drillId} has no record in the drill history.");

    /// <summary>Adds <paramref name="facts"/> to the drill's record (a later value replaces an earlier one).</summary>
    public async Task NoteAsync(string drillId, IReadOnlyDictionary<string, string> facts, CancellationToken ct)
    {
        var record = await GetAsync(drillId, ct).ConfigureAwait(false);
        await history.SaveAsync(record with { Facts = Merge(record.Facts, facts) }, ct).ConfigureAwait(false);
    }

    /// <summary>Ends the drill (failed when <paramref name="error"/> is set or a measure is missing) and releases the lock.</summary>
    public async Task<DrillRecord> CompleteAsync(
        string drillId, IReadOnlyList<DrillStep> steps, IReadOnlyDictionary<string, string> facts, TimeSpan? rto, TimeSpan? rpo, string? error, CancellationToken ct)
    {
        var record = await GetAsync(drillId, ct).ConfigureAwait(false);
        if (record.IsOver)
        {
            return record; // a retried last step: the first one recorded it
        }

        var ended = (record with { Steps = steps, Facts = Merge(record.Facts, facts) }).Complete(time.GetUtcNow(), rto, rpo, error);
        await history.SaveAsync(ended, ct).ConfigureAwait(false);
        await history.UnlockAsync(drillId, ct).ConfigureAwait(false);
        Log(ended);
        return ended;
    }

    /// <summary>Marks a drill whose orchestration is gone as abandoned, with what was done about what it left, and releases the lock.</summary>
    public async Task<DrillRecord?> AbandonAsync(string drillId, string cleanup, CancellationToken ct)
    {
        var record = await history.FindAsync(drillId, ct).ConfigureAwait(false);
        if (record is { IsOver: false })
        {
            record = record with { State = DrillState.Abandoned, CompletedAt = time.GetUtcNow(), Error = cleanup };
            await history.SaveAsync(record, ct).ConfigureAwait(false);
            Log(record);
        }

        await history.UnlockAsync(drillId, ct).ConfigureAwait(false);
        return record;
    }

    private void Log(DrillRecord record)
    {
        if (record.State == DrillState.Passed)
        {
            LogMessages.DrillPassed(logger, record.DrillId, record.Kind, record.Rto, record.Rpo);
        }
        else
        {
            LogMessages.DrillNotPassed(logger, record.DrillId, record.Kind, record.State);
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(before);
        foreach (var (name, value) in added)
        {
            merged[name] = value;
        }

        return merged;
    }
}
