using AstroBot.Continuity.Crypto;
using Moq;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class KeyRingProviderTests
{
    private readonly Mock<IKeyRingSource> source = new();
    private readonly KeyRingProvider sut;

    public KeyRingProviderTests() => sut = new KeyRingProvider(source.Object);

    [Fact]
    public async Task GetAsync_CalledAgain_ReturnsTheLoadedRingWithoutLoadingAgain()
    {
        var ring = new KeyRing(TestKeys.NewKek());
        source.Setup(s => s.LoadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(ring);

        var first = await sut.GetAsync(CancellationToken.None);
        var second = await sut.GetAsync(CancellationToken.None);

        Assert.Same(ring, first);
        Assert.Same(ring, second);
        source.Verify(s => s.LoadAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_ConcurrentFirstCalls_LoadOnce()
    {
        var release = new TaskCompletionSource<KeyRing>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Setup(s => s.LoadAsync(It.IsAny<CancellationToken>())).Returns(release.Task);

        // Each call runs synchronously up to its first wait, so all eight are in before the load ends: the first one
        // waits on the load, the others on the first. No need to give them time to arrive.
        var callers = Enumerable.Range(0, 8).Select(_ => sut.GetAsync(CancellationToken.None)).ToArray();
        Assert.All(callers, caller => Assert.False(caller.IsCompleted));
        source.Verify(s => s.LoadAsync(It.IsAny<CancellationToken>()), Times.Once);
        release.SetResult(new KeyRing(TestKeys.NewKek()));
        var rings = await Task.WhenAll(callers);

        Assert.All(rings, ring => Assert.Same(rings[0], ring));
        source.Verify(s => s.LoadAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_FirstLoadFailed_LoadsAgainOnTheNextCall()
    {
        var ring = new KeyRing(TestKeys.NewKek());
        source.SetupSequence(s => s.LoadAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new KeyRingException("Key Vault is unreachable"))
            .ReturnsAsync(ring);

        await Assert.ThrowsAsync<KeyRingException>(() => sut.GetAsync(CancellationToken.None));
        var loaded = await sut.GetAsync(CancellationToken.None);

        Assert.Same(ring, loaded);
        source.Verify(s => s.LoadAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsWithoutLoading()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var blocking = new TaskCompletionSource<KeyRing>();
        source.Setup(s => s.LoadAsync(It.IsAny<CancellationToken>())).Returns(blocking.Task);
        var holder = sut.GetAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.GetAsync(cancelled.Token));

        blocking.SetResult(new KeyRing(TestKeys.NewKek()));
        await holder;
        source.Verify(s => s.LoadAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
