using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class GraphApiErrorClassificationTests
{
    [Theory]
    [InlineData(429, null)]
    [InlineData(429, 130429)]
    [InlineData(400, 4)]
    [InlineData(400, 80007)]
    [InlineData(400, 131056)]
    [InlineData(500, null)]
    [InlineData(500, 1)]
    [InlineData(503, 133004)]
    [InlineData(null, null)]
    public void IsTransient_RateLimitServerErrorOrNoAnswer_True(int? httpStatus, int? errorCode)
    {
        Assert.True(GraphApiErrorClassification.IsTransient(httpStatus, errorCode));
    }

    [Theory]
    [InlineData(400, 131026)]
    [InlineData(400, 131047)]
    [InlineData(400, 131062)]
    [InlineData(500, 131026)]
    [InlineData(500, 131062)]
    [InlineData(400, 100)]
    [InlineData(401, 190)]
    [InlineData(403, null)]
    [InlineData(404, null)]
    public void IsTransient_UndeliverableOutsideWindowBsuidRefusedOrOther4xx_False(int? httpStatus, int? errorCode)
    {
        Assert.False(GraphApiErrorClassification.IsTransient(httpStatus, errorCode));
    }
}
