using AstroBot.Continuity.Storage;
using Azure;

namespace AstroBot.Continuity.Tests.Storage;

public sealed class StorageFailureTests
{
    public static TheoryData<Exception> Failures => new()
    {
        new RequestFailedException(503, "Server busy"),
        new AggregateException(new RequestFailedException("Connection refused")),
        new HttpRequestException("Connection refused"),
        new IOException("Connection reset"),
        new TimeoutException(),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Is_StorageOrTransportFailure_True(Exception exception) => Assert.True(StorageFailure.Is(exception));

    [Fact]
    public void Is_Cancellation_FalseBecauseTheCallerDecides() => Assert.False(StorageFailure.Is(new OperationCanceledException()));

    [Fact]
    public void Is_ProgrammingError_False() => Assert.False(StorageFailure.Is(new InvalidOperationException()));
}
