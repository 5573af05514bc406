namespace AstroBot.Continuity.Backup.Source;

/// <summary>What reading the bot's data cost: request units and how often Cosmos DB said "too many requests".</summary>
public sealed class FeedStatistics
{
    private double requestCharge;
    private int throttles;

    public double RequestCharge => Volatile.Read(ref requestCharge);

    public int Throttles => Volatile.Read(ref throttles);

    internal void AddCharge(double charge)
    {
        double current, updated;
        do
        {
            current = requestCharge;
            updated = current + charge;
        }
        while (Interlocked.CompareExchange(ref requestCharge, updated, current) != current);
    }

    internal void AddThrottle() => Interlocked.Increment(ref throttles);
}
