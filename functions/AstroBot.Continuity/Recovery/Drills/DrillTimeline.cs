using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// The steps of a drill as its orchestration goes, timed with the orchestration's own clock (replay gives the same
/// times), for the record's timeline.
/// </summary>
public sealed class DrillTimeline(TaskOrchestrationContext context)
{
    private readonly List<DrillStep> steps = [];

    public IReadOnlyList<DrillStep> Steps => steps;

    /// <summary>Runs <paramref name="step"/> and records it: succeeded with what <paramref name="detail"/> says of the result, or failed with the reason (and rethrows).</summary>
    public async Task<T> RunAsync<T>(string name, Func<Task<T>> step, Func<T, string?>? detail = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        var started = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        try
        {
            var result = await step().ConfigureAwait(true);
            steps.Add(new DrillStep(name, started, Now, Succeeded: true, detail?.Invoke(result)));
            return result;
        }
        catch (TaskFailedException exception)
        {
            steps.Add(new DrillStep(name, started, Now, Succeeded: false, exception.FailureDetails.ErrorMessage));
            throw;
        }
    }

    /// <summary>Records the drill as failed with its steps so far and <paramref name="failure"/>'s reason: a drill that could not get going.</summary>
    public Task<DrillRecord> FailAsync(string drillId, TaskFailedException failure, TaskOptions? options)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return context.CallActivityAsync<DrillRecord>(nameof(FailDrillActivity), new DrillFailure(drillId, [.. steps], failure.FailureDetails.ErrorMessage), options);
    }

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);
}
