using Azure;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// Polls a Resource Manager operation until it ends, waiting between polls the longer of the configured interval and the
/// <c>Retry-After</c> Azure sends (Azure.Core's own wait never goes below a second, which a test cannot afford), on the
/// injected clock. A failed or cancelled operation throws Azure's <see cref="RequestFailedException"/> from the poll.
/// </summary>
public static class ArmOperationPolling
{
    public static async Task CompleteAsync(Operation operation, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(time);
        while (!operation.HasCompleted)
        {
            var response = await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (operation.HasCompleted)
            {
                return;
            }

            var wait = ArmRetryAfter.Of(response) is { } asked && asked > interval ? asked : interval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
