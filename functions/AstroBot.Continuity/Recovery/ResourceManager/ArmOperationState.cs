using AstroBot.Continuity.Arm;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// Where a long operation stands after one poll, for a Durable activity that polls in bounded steps: the orchestration
/// waits <see cref="RetryAfter"/> (or its own interval) on a durable timer and hands <see cref="Link"/> to the next poll.
/// </summary>
/// <param name="Link">Where it is polled; null once it has ended.</param>
/// <param name="Status">Azure's word for it: <c>Accepted</c>, <c>InProgress</c>, <c>Succeeded</c>, ...</param>
public sealed record ArmOperationState(ArmOperationLink? Link, string Status, bool Completed, TimeSpan? RetryAfter)
{
    internal static ArmOperationState Of(ArmAsyncOperation operation) =>
        new(operation.HasCompleted ? null : operation.Link, operation.Status, operation.HasCompleted, operation.RetryAfter);
}
