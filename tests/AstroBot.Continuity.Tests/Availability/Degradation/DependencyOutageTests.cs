using System.Net;
using AstroBot.Continuity.Availability.Degradation;
using Azure;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Tests.Availability.Degradation;

public sealed class DependencyOutageTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Describe_CosmosUnavailable_IsCosmosDb(HttpStatusCode status) =>
        Assert.Equal("cosmos-db", DependencyOutage.Describe(new CosmosException("down", status, 0, "activity", 1)));

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void Describe_CosmosRefusal_IsNoOutage(HttpStatusCode status) =>
        Assert.Null(DependencyOutage.Describe(new CosmosException("no", status, 0, "activity", 1)));

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public void Describe_StorageUnavailable_IsStorage(int status) =>
        Assert.Equal("storage", DependencyOutage.Describe(new RequestFailedException(status, "down")));

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(403)]
    public void Describe_StorageRefusal_IsNoOutage(int status) =>
        Assert.Null(DependencyOutage.Describe(new RequestFailedException(status, "no")));

    [Fact]
    public void Describe_RetriesThatAllFailedUnavailable_IsAnOutage() =>
        Assert.Equal("storage", DependencyOutage.Describe(new AggregateException(new RequestFailedException(0, "a"), new RequestFailedException(503, "b"))));

    [Fact]
    public void Describe_RetriesWithARefusalAmongThem_IsNoOutage() =>
        Assert.Null(DependencyOutage.Describe(new AggregateException(new RequestFailedException(503, "a"), new RequestFailedException(409, "b"))));

    [Fact]
    public void Describe_TransportAndTimeouts_AreOutages()
    {
        Assert.Equal("network", DependencyOutage.Describe(new HttpRequestException("refused")));
        Assert.Equal("network", DependencyOutage.Describe(new IOException("reset")));
        Assert.Equal("network", DependencyOutage.Describe(new System.Net.Sockets.SocketException(107)));
        Assert.Equal("timeout", DependencyOutage.Describe(new TimeoutException()));
        Assert.Equal("timeout", DependencyOutage.Describe(new TaskCanceledException()));
    }

    [Fact]
    public void Describe_ABadMessage_IsNoOutage()
    {
        Assert.Null(DependencyOutage.Describe(new InvalidDataException("does not parse")));
        Assert.Null(DependencyOutage.Describe(new InvalidOperationException("a bug")));
        Assert.Null(DependencyOutage.Describe(new AggregateException()));
    }
}
