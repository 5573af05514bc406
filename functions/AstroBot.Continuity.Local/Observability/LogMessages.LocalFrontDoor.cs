using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local;

// The local front door, Azure Front Door's twin in front of two local regions: 1500-1599. Ids in ContinuityEventId.
// Origin ids (region-1), loopback addresses, counts and durations only.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.LocalFrontDoorStarted, Level = LogLevel.Information,
        Message = "Local front door on {Listen} in front of {Origins}: probes GET {ProbePath} every {ProbeInterval}; an origin is taken out at {UnhealthyAfterFailures} failed of its last {SampleSize} probes, healthy again after {HealthyAfterSuccesses} in a row, back in service after a restoration delay of {RestorationDelay}")]
    internal static partial void LocalFrontDoorStarted(
        ILogger logger, string listen, string origins, string probePath, TimeSpan probeInterval, int unhealthyAfterFailures, int sampleSize, int healthyAfterSuccesses, TimeSpan restorationDelay);

    [LoggerMessage(EventId = ContinuityEventId.OriginUnhealthy, Level = LogLevel.Warning,
        Message = "Origin {Origin} ({Address}) is unhealthy ({FailedProbes} of its latest probes failed): no traffic until {HealthyAfterSuccesses} probes in a row succeed")]
    internal static partial void OriginUnhealthy(ILogger logger, string origin, string address, int failedProbes, int healthyAfterSuccesses);

    [LoggerMessage(EventId = ContinuityEventId.OriginRestoring, Level = LogLevel.Information,
        Message = "Origin {Origin} ({Address}) is healthy again ({HealthyAfterSuccesses} probes in a row): it takes traffic back once it has stayed healthy for {RestorationDelay}")]
    internal static partial void OriginRestoring(ILogger logger, string origin, string address, int healthyAfterSuccesses, TimeSpan restorationDelay);

    [LoggerMessage(EventId = ContinuityEventId.OriginInService, Level = LogLevel.Information, Message = "Origin {Origin} ({Address}) is in service")]
    internal static partial void OriginInService(ILogger logger, string origin, string address);

    [LoggerMessage(EventId = ContinuityEventId.RouteChanged, Level = LogLevel.Warning,
        Message = "Traffic now goes to {Origin} ({Address}, priority {Priority}); it went to {PreviousOrigin}")]
    internal static partial void RouteChanged(ILogger logger, string origin, string address, int priority, string previousOrigin);

    [LoggerMessage(EventId = ContinuityEventId.NoOriginAvailable, Level = LogLevel.Error,
        Message = "No origin is healthy: every request is answered 503 with Retry-After {RetryAfterSeconds} s until one is (traffic went to {PreviousOrigin})")]
    internal static partial void NoOriginAvailable(ILogger logger, string previousOrigin, int retryAfterSeconds);

    [LoggerMessage(EventId = ContinuityEventId.PrioritiesChanged, Level = LogLevel.Warning,
        Message = "Origin priorities changed through the control route: now {Order} (priority 1 first); they were {Previous}")]
    internal static partial void PrioritiesChanged(ILogger logger, string order, string previous);
}
