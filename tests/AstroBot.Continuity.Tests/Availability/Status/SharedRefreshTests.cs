using AstroBot.Continuity.Availability.Status;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability.Status;

public sealed class SharedRefreshTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2027, 1, 15, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetAsync_ABurstWhileComputing_ComputesOnce()
    {
        var sut = new SharedRefresh<int>(TimeSpan.FromMinutes(1), time);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;

        var callers = Enumerable.Range(0, 50).Select(_ => sut.GetAsync(() => { Interlocked.Increment(ref computations); return gate.Task; }, CancellationToken.None)).ToArray();
        gate.SetResult(42);

        Assert.All(await Task.WhenAll(callers), value => Assert.Equal(42, value));
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task GetAsync_WithinAndAfterTheDuration_ReusesThenComputesAgain()
    {
        var sut = new SharedRefresh<int>(TimeSpan.FromMinutes(1), time);
        var computations = 0;
        Task<int> Compute() => Task.FromResult(Interlocked.Increment(ref computations));

        var first = await sut.GetAsync(Compute, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        var within = await sut.GetAsync(Compute, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await sut.GetAsync(Compute, CancellationToken.None);

        Assert.Equal((1, 1, 2), (first, within, after));
    }

    [Fact]
    public async Task GetAsync_AFailedComputation_IsNotKept()
    {
        var sut = new SharedRefresh<int>(TimeSpan.FromMinutes(1), time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.GetAsync(() => throw new InvalidOperationException("down"), CancellationToken.None));
        var next = await sut.GetAsync(() => Task.FromResult(7), CancellationToken.None);

        Assert.Equal(7, next);
    }
}
