using System.Net;
using AstroBot.Continuity.Cli.Commands;
using Azure;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Cli.Tests.Commands;

public class UnreachableTests
{
    [Fact]
    public void Describe_StorageRetriesThatNeverGotAnAnswer_IsStorage()
    {
        var sut = new AggregateException(new RequestFailedException("Connection refused"), new RequestFailedException("Connection refused"));

        Assert.Equal("Azure Storage", Unreachable.Describe(sut));
    }

    [Fact]
    public void Describe_CosmosUnavailable_IsCosmos()
    {
        var sut = new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity", 0);

        Assert.Equal("Cosmos DB", Unreachable.Describe(sut));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public void Describe_AnAnswerFromStorage_IsNotUnreachable(int status)
    {
        var sut = new RequestFailedException(status, "answered");

        Assert.Null(Unreachable.Describe(sut));
    }

    [Fact]
    public void Describe_AnyOtherFailure_IsNotUnreachable()
    {
        Assert.Null(Unreachable.Describe(new InvalidOperationException("bug")));
    }
}
