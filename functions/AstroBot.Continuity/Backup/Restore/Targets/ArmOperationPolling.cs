using System.Globalization;
using Azure;

namespace AstroBot.Continuity.Backup.Restore.Targets;

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

            var wait = ServerDelay(response) is { } asked && asked > interval ? asked : interval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wait a poll's answer asks for: <c>Retry-After</c> in seconds (as Resource Manager sends it).</summary>
    private static TimeSpan? ServerDelay(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value)
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
