using Microsoft.DurableTask;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>Records a drill that could not get going as failed, and releases the lock (any kind of drill).</summary>
public sealed class FailDrillActivity(DrillRecorder recorder) : TaskActivity<DrillFailure, DrillRecord>
{
    public override Task<DrillRecord> RunAsync(TaskActivityContext context, DrillFailure input) => FailAsync(recorder, input, CancellationToken.None);

    /// <summary>The body, also called by the Functions app's thin <c>[ActivityTrigger]</c>.</summary>
    public static Task<DrillRecord> FailAsync(DrillRecorder recorder, DrillFailure input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(input);
        return recorder.CompleteAsync(input.DrillId, input.Steps, new Dictionary<string, string>(), rto: null, rpo: null, input.Error, ct);
    }
}
