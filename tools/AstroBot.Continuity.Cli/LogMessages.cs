using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli;

/// <summary>
/// Every log line of the CLI and its local host: event ids 8000-8999 of the core's <see cref="ContinuityEventId"/>, the one
/// table of the ids of every assembly (these two were 5000 and 5001, which backup runs use in the same process). No
/// personal data, no links.
/// </summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.GraphSinkStarted, Level = LogLevel.Information, Message = "Local Graph API sink listening on {BaseUri}")]
    public static partial void GraphSinkStarted(ILogger logger, Uri baseUri);

    [LoggerMessage(EventId = ContinuityEventId.LocalResourceUnavailable, Level = LogLevel.Warning, Message = "Could not prepare {Dependency} at start-up ({ErrorType}); /api/health/ready reports it")]
    public static partial void LocalResourceUnavailable(ILogger logger, string dependency, string errorType);
}
