using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class GraphApiRetryPipelineTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    [Fact]
    public void ServerRequestedDelay_RetryAfterWithinCap_RetryAfter()
    {
        var failure = new GraphApiException("rate limited", 429, 130429, isTransient: true) { RetryAfter = TimeSpan.FromSeconds(7) };

        Assert.Equal(TimeSpan.FromSeconds(7), GraphApiRetryPipeline.ServerRequestedDelay(failure, MaxDelay));
    }

    [Fact]
    public void ServerRequestedDelay_RetryAfterBeyondCap_Cap()
    {
        var failure = new GraphApiException("rate limited", 429, 130429, isTransient: true) { RetryAfter = TimeSpan.FromHours(1) };

        Assert.Equal(MaxDelay, GraphApiRetryPipeline.ServerRequestedDelay(failure, MaxDelay));
    }

    [Fact]
    public void ServerRequestedDelay_NoRetryAfter_NullSoBackoffDecides()
    {
        var failure = new GraphApiException("server error", 500, null, isTransient: true);

        Assert.Null(GraphApiRetryPipeline.ServerRequestedDelay(failure, MaxDelay));
    }
}
