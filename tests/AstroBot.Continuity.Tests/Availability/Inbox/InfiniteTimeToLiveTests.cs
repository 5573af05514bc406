using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class InfiniteTimeToLiveTests : IAsyncLifetime
{
    private readonly QueueClient queue = new(EmulatorEndpoints.StorageConnectionString, EmulatorEndpoints.UniqueName("ttl"));

    public async Task InitializeAsync() => await queue.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await queue.DeleteIfExistsAsync();

    [Fact]
    public async Task SendAsync_Text_PeeksWithAnExpiryBeyondTenYears()
    {
        await InfiniteTimeToLive.SendAsync(queue, "text", CancellationToken.None);

        var message = Assert.Single((await queue.PeekMessagesAsync(32)).Value);
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(10), $"expires on {message.ExpiresOn:O}");
        Assert.True(InfiniteTimeToLive.Holds(message.ExpiresOn));
    }

    [Fact]
    public async Task SendAsync_ReceivedBody_ReceivesWithAnExpiryBeyondTenYearsAndTheSameBody()
    {
        var body = BinaryData.FromString("eyJ3YW1pZCI6IngifQ==");

        await InfiniteTimeToLive.SendAsync(queue, body, CancellationToken.None);

        var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(10), $"expires on {message.ExpiresOn:O}");
        Assert.Equal(body.ToString(), message.Body.ToString());
    }

    [Fact]
    public async Task Holds_AMessageSentWithTheServiceDefault_IsFalse()
    {
        // What the Functions runtime does when it moves a message to a poison queue: no time-to-live, so 7 days.
        await queue.SendMessageAsync("text");

        var message = Assert.Single((await queue.PeekMessagesAsync(32)).Value);
        Assert.False(InfiniteTimeToLive.Holds(message.ExpiresOn));
        Assert.True(message.ExpiresOn < DateTimeOffset.UtcNow.AddDays(8));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z", true)]
    [InlineData("2099-01-01T00:00:00Z", false)]
    public void Holds_ByExpiry(string expiresOn, bool expected) =>
        Assert.Equal(expected, InfiniteTimeToLive.Holds(DateTimeOffset.Parse(expiresOn, System.Globalization.CultureInfo.InvariantCulture)));
}
