namespace AstroBot.Continuity.Backup.Source;

/// <summary>
/// Paces a backup to a request-unit rate: after each page it waits until the RU spent so far fits the budget,
/// so a backup never takes more than its share of the container's throughput, whatever the page sizes.
/// </summary>
public sealed class RequestUnitBudget(double requestUnitsPerSecond, TimeProvider time)
{
    private readonly long startedAt = time.GetTimestamp();

    public double RequestUnitsPerSecond { get; } = requestUnitsPerSecond > 0
        ? requestUnitsPerSecond
        : throw new ArgumentOutOfRangeException(nameof(requestUnitsPerSecond), "The budget must be positive.");

    public double Spent { get; private set; }

    public async Task SpendAsync(double requestCharge, CancellationToken cancellationToken)
    {
        Spent += requestCharge;
        var earliest = TimeSpan.FromSeconds(Spent / RequestUnitsPerSecond);
        var wait = earliest - time.GetElapsedTime(startedAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
