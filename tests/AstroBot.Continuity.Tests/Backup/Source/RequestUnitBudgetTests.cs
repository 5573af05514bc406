using AstroBot.Continuity.Backup.Source;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Backup.Source;

public sealed class RequestUnitBudgetTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SpendAsync_WithinWhatTheElapsedTimeAllows_DoesNotWait()
    {
        var sut = new RequestUnitBudget(100, time);
        time.Advance(TimeSpan.FromSeconds(2));

        var first = sut.SpendAsync(120, CancellationToken.None);
        var second = sut.SpendAsync(80, CancellationToken.None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(200, sut.Spent);
        await second;
    }

    [Fact]
    public async Task SpendAsync_Overspending_WaitsUntilTheSpendFitsTheRate()
    {
        var sut = new RequestUnitBudget(100, time);

        var spending = sut.SpendAsync(300, CancellationToken.None);

        Assert.False(spending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(spending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await spending.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SpendAsync_OverspendingAfterSomeTime_WaitsOnlyForTheExcess()
    {
        var sut = new RequestUnitBudget(50, time);
        time.Advance(TimeSpan.FromSeconds(1));

        var spending = sut.SpendAsync(100, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(0.99));
        Assert.False(spending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.01));
        await spending.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SpendAsync_PageAfterPage_PacesEachToTheBudget()
    {
        var sut = new RequestUnitBudget(400, time);

        for (var page = 0; page < 20; page++)
        {
            // 100 RU at 400 RU/s: a quarter of a second each.
            var spending = sut.SpendAsync(100, CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(240));
            Assert.False(spending.IsCompleted, $"page {page} went through early");
            time.Advance(TimeSpan.FromMilliseconds(10));
            await spending.WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(2000, sut.Spent);
    }

    [Fact]
    public async Task SpendAsync_CancelledWhileWaiting_Throws()
    {
        var sut = new RequestUnitBudget(1, time);
        using var cancellation = new CancellationTokenSource();

        var spending = sut.SpendAsync(100, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => spending);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_NotPositive_Throws(double requestUnitsPerSecond)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestUnitBudget(requestUnitsPerSecond, time));
    }
}
