namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>
/// Waits for an event that another component brings about and that gives no signal of its own (a request counted
/// by a test policy, a message in a sink, a storage emulator's clock): polled for the event itself, never a duration,
/// and bounded so a broken test fails instead of hanging. Waits on a fake clock use <c>WatchedClock.WhenAsync</c>.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task HoldsAsync(Func<bool> condition, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!condition())
        {
            await Task.Delay(PollInterval, timeout.Token);
        }
    }

    public static async Task HoldsAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!await condition(timeout.Token))
        {
            await Task.Delay(PollInterval, timeout.Token);
        }
    }
}
