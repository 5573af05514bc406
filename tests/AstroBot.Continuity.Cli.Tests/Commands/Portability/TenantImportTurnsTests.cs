using AstroBot.Continuity.Cli.Commands.Portability;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

public sealed class TenantImportTurnsTests
{
    private readonly TenantImportTurns sut = new();

    [Fact]
    public async Task WaitAsync_SameUserWhileATurnIsHeld_WaitsUntilItIsDisposed()
    {
        var first = await sut.WaitAsync("15550000001", CancellationToken.None);

        var second = sut.WaitAsync("15550000001", CancellationToken.None);

        // A free turn is given at once (see the other user's test); a held one only by Dispose, which has not run
        // yet, so nothing can complete this by waiting: no need to wait and see.
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_OtherUserWhileATurnIsHeld_GetsItsTurnAtOnce()
    {
        using var first = await sut.WaitAsync("15550000001", CancellationToken.None);

        var other = sut.WaitAsync("15550000002", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaiting_ThrowsAndLeavesTheTurnToTheNext()
    {
        var first = await sut.WaitAsync("15550000001", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = sut.WaitAsync("15550000001", cancel.Token);
        var third = sut.WaitAsync("15550000001", CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        first.Dispose();

        using var turn = await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_ManyImportsOfOneUser_NeverOverlap()
    {
        var inside = 0;
        var overlaps = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            using var turn = await sut.WaitAsync("15550000001", ct);
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        });

        Assert.Equal(0, overlaps);
    }
}
