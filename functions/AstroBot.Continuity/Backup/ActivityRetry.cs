using Microsoft.DurableTask;

namespace AstroBot.Continuity.Backup;

/// <summary>
/// How the backup orchestrations retry an activity: throttling and transient storage or Cosmos DB errors are retried
/// with a backoff doubling up to a minute; a failure <c>isFinal</c> names (a refusal, a lost lease, a damaged backup)
/// is not, since trying again cannot change it.
/// </summary>
public static class ActivityRetry
{
    /// <summary>Attempts per activity: the first and 4 retries.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The first wait before the orchestration's own setting (<c>Backup:RetryInterval</c>) is known.</summary>
    public static readonly TimeSpan DefaultFirstInterval = TimeSpan.FromSeconds(5);

    public static TaskOptions Options(TimeSpan firstRetryInterval, Func<TaskFailureDetails, bool>? isFinal = null) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, firstRetryInterval, backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1))
        {
            HandleFailure = failure => isFinal is null || !isFinal(failure),
        });
}
