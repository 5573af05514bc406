using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// The retry pipeline around one send: exponential backoff with jitter on the injected clock, for failures
/// <see cref="GraphApiErrorClassification"/> calls transient; a server's Retry-After wins over the backoff.
/// </summary>
internal static class GraphApiRetryPipeline
{
    public static ResiliencePipeline Create(WhatsAppOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MaxSendAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<GraphApiException>(ex => ex.IsTransient),
                MaxRetryAttempts = options.MaxSendAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Exception, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    var failure = args.Outcome.Exception as GraphApiException;
                    LogMessages.GraphSendRetrying(
                        logger, args.AttemptNumber + 1, failure?.HttpStatus, failure?.ErrorCode, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The server's Retry-After, capped at <paramref name="maxDelay"/>; null lets the backoff decide.</summary>
    public static TimeSpan? ServerRequestedDelay(Exception? failure, TimeSpan maxDelay) =>
        failure is GraphApiException { RetryAfter: { } retryAfter }
            ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, maxDelay.Ticks))
            : null;
}
