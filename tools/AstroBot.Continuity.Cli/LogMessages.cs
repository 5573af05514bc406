using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli;

/// <summary>Every log line of the CLI and local host (event ids 5000-5999). No personal data, no links.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Local Graph API sink listening on {BaseUri}")]
    public static partial void GraphSinkStarted(ILogger logger, Uri baseUri);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Could not prepare {Dependency} at start-up ({ErrorType}); /api/health/ready reports it")]
    public static partial void LocalResourceUnavailable(ILogger logger, string dependency, string errorType);
}
