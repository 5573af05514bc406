using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>Counts written items per container and their request charge, from many concurrent writers.</summary>
internal sealed class SeedTally
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> itemsPerContainer = BotDataModel.Containers.ToDictionary(container => container.Name, _ => 0L);
    private long items;
    private double requestCharge;

    /// <summary>Records one written item; returns the running total of items.</summary>
    public long Add(string containerName, double charge)
    {
        lock (gate)
        {
            itemsPerContainer[containerName]++;
            requestCharge += charge;
            return ++items;
        }
    }

    public (long Items, double RequestCharge) Totals()
    {
        lock (gate)
        {
            return (items, requestCharge);
        }
    }

    public Dictionary<string, long> ItemsPerContainer()
    {
        lock (gate)
        {
            return new Dictionary<string, long>(itemsPerContainer);
        }
    }
}
