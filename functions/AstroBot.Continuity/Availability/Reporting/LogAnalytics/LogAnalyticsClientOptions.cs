using Azure.Core;

namespace AstroBot.Continuity.Availability.Reporting.LogAnalytics;

/// <summary>
/// The pipeline options of <see cref="LogAnalyticsQueryClient"/> (retries, transport), set by the one Azure-clients
/// registration. A query of a month's probe events may take a while: each try waits up to 3 minutes, the service's own
/// default query timeout.
/// </summary>
public sealed class LogAnalyticsClientOptions : ClientOptions
{
    public LogAnalyticsClientOptions()
    {
        Retry.NetworkTimeout = TimeSpan.FromMinutes(3);
    }
}
