using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Tests.Fixtures;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

public sealed class PoisonRedriveTests : IAsyncLifetime
{
    private UserMessageQueuesWorld world = null!;
    private PoisonRedrive sut = null!;

    public async Task InitializeAsync()
    {
        world = await UserMessageQueuesWorld.StartAsync();
        sut = world.Harness.Get<PoisonRedrive>();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task RedriveAsync_PoisonedMessages_MovesAllBackNeverToExpireAndEmptiesThePoisonQueue()
    {
        var poisoned = await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 40); // more than one batch

        var result = await sut.RedriveAsync(world.Inbox, max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(new RedriveResult(world.Inbox.Name, world.Inbox.PoisonName, true, false, 40, null, 0, null), result);
        await FrontDoorHarness.AssertNoneExpiresAsync(world.Client(world.Inbox.Name));
        Assert.Equal(poisoned.Order(), (await world.ReceiveAllAsync(world.Inbox.Name)).Order());
        Assert.Empty(await world.ReceiveAllAsync(world.Inbox.PoisonName));
    }

    [Fact]
    public async Task RedriveAsync_Max_MovesThatManyAndLeavesTheRest()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 5);

        var result = await sut.RedriveAsync(world.Inbox, max: 2, dryRun: false, CancellationToken.None);

        Assert.Equal(2, result.Moved);
        Assert.Equal(3, result.Remaining);
        Assert.Equal(2, (await world.ReceiveAllAsync(world.Inbox.Name)).Count);
        Assert.Equal(3, (await world.ReceiveAllAsync(world.Inbox.PoisonName)).Count);
    }

    [Fact]
    public async Task RedriveAsync_DryRun_MovesNoneAndSaysHowManyWouldGo()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 3);

        var result = await sut.RedriveAsync(world.Inbox, max: 2, dryRun: true, CancellationToken.None);

        Assert.Equal(new RedriveResult(world.Inbox.Name, world.Inbox.PoisonName, true, true, 0, 2, 3, null), result);
        Assert.Equal(3, (await FrontDoorHarness.PeekAllAsync(world.Client(world.Inbox.PoisonName))).Count);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(world.Client(world.Inbox.Name)));
    }

    [Fact]
    public async Task RedriveAsync_NoPoisonQueue_MovesNothingAndSaysItDoesNotExist()
    {
        var result = await sut.RedriveAsync(world.Queues.All[1], max: null, dryRun: false, CancellationToken.None);

        Assert.False(result.PoisonQueueExists);
        Assert.Equal(0, result.Moved);
        Assert.Null(result.Failure);
        Assert.False((await world.Client(world.Queues.All[1].PoisonName).ExistsAsync()).Value); // nothing created
    }

    [Fact]
    public async Task RedriveAsync_EmptyPoisonQueue_MovesNothing()
    {
        await world.Client(world.Inbox.PoisonName).CreateIfNotExistsAsync();

        var result = await sut.RedriveAsync(world.Inbox, max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(new RedriveResult(world.Inbox.Name, world.Inbox.PoisonName, true, false, 0, null, 0, null), result);
    }

    [Fact]
    public async Task RedriveAsync_SendFails_TheMessageStaysInThePoisonQueueAndTheRunSaysWhy()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 2);
        var refusingTarget = Refusing(world.Inbox.Name, "POST");

        var result = await sut.RedriveAsync(world.Client(world.Inbox.PoisonName), refusingTarget, max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(0, result.Moved);
        Assert.Equal(2, result.Remaining);
        Assert.Contains($"sending to {world.Inbox.Name} failed (503", result.Failure, StringComparison.Ordinal);
        // Visible again at once, not after the redrive's visibility timeout: the next redrive can take them.
        Assert.Equal(2, (await FrontDoorHarness.PeekAllAsync(world.Client(world.Inbox.PoisonName))).Count);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(world.Client(world.Inbox.Name)));
    }

    [Fact]
    public async Task RedriveAsync_DeleteFailsAfterTheSend_DuplicatesRatherThanLoses()
    {
        await world.PoisonAsRuntimeAsync(world.Inbox.PoisonName, 1);
        var refusingPoison = Refusing(world.Inbox.PoisonName, "DELETE");

        var result = await sut.RedriveAsync(refusingPoison, world.Client(world.Inbox.Name), max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(1, result.Moved);
        Assert.Contains("a later redrive sends it again", result.Failure, StringComparison.Ordinal);
        Assert.Single(await FrontDoorHarness.PeekAllAsync(world.Client(world.Inbox.Name)));
        Assert.Equal(1, (await QueueDepth.ReadAsync(world.Client(world.Inbox.PoisonName), CancellationToken.None)).ApproximateMessages);
    }

    [Theory]
    [InlineData("inbox")]
    [InlineData("exports")]
    public async Task ResolveAsync_AnAlias_IsTheConfiguredQueue(string alias)
    {
        var queue = await sut.ResolveAsync(alias, CancellationToken.None);

        Assert.Equal(world.Queues.Find(alias), queue);
    }

    [Fact]
    public async Task ResolveAsync_AnotherQueueThatExists_IsThatQueueWithItsPoisonQueue()
    {
        var name = EmulatorEndpoints.UniqueName("other");
        await world.Client(name).CreateIfNotExistsAsync();
        try
        {
            Assert.Equal(UserMessageQueue.Named(name), await sut.ResolveAsync(name, CancellationToken.None));
        }
        finally
        {
            await world.Client(name).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task ResolveAsync_AQueueOnlyItsPoisonQueueExistsFor_IsThatQueue()
    {
        var name = EmulatorEndpoints.UniqueName("gone");
        await world.Client(name + UserMessageQueue.PoisonSuffix).CreateIfNotExistsAsync();
        try
        {
            Assert.Equal(UserMessageQueue.Named(name), await sut.ResolveAsync(name, CancellationToken.None));
        }
        finally
        {
            await world.Client(name + UserMessageQueue.PoisonSuffix).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task ResolveAsync_AQueueNobodyHeardOf_IsNull() =>
        Assert.Null(await sut.ResolveAsync(EmulatorEndpoints.UniqueName("nowhere"), CancellationToken.None));

    // A client of the same queue on Azurite whose requests of one method on messages fail as a storage outage would.
    private static QueueClient Refusing(string queueName, string method)
    {
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new RefuseMessages(RequestMethod.Parse(method)), HttpPipelinePosition.PerCall);
        return new QueueClient(EmulatorEndpoints.StorageConnectionString, queueName, options);
    }

    private sealed class RefuseMessages(RequestMethod method) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Refuse(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Refuse(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Refuse(HttpMessage message)
        {
            if (message.Request.Method == method && message.Request.Uri.Path.Contains("/messages", StringComparison.Ordinal))
            {
                throw new RequestFailedException(503, "refused by the test", "ServerBusy", null);
            }
        }
    }
}
