using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Data;

/// <summary>Answers whether the bot's database can be read: the Cosmos DB half of <c>/api/health/ready</c>.</summary>
public sealed class CosmosReadiness(
    CosmosClient client,
    IOptions<CosmosOptions> options,
    TimeProvider timeProvider,
    ILogger<CosmosReadiness> logger)
{
    /// <summary>How long a probe may take before Cosmos DB counts as unreachable. Default: 5 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True when the database answers a read within <see cref="Timeout"/>. False, never an exception, when Cosmos DB
    /// is down, slow, refuses the credentials or the database is missing; only the caller's own cancellation throws.
    /// </summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.GetDatabase(options.Value.DatabaseName)
                .ReadAsync(cancellationToken: linked.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure means "not ready": the probe reports, it does not diagnose. Only the type is logged.
            LogMessages.CosmosNotReady(logger, exception.GetType().Name, (exception as CosmosException)?.StatusCode);
            return false;
        }
    }
}
