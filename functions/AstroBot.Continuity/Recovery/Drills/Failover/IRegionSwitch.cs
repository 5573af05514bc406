namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// Moves the traffic between regions by their priorities, as an operator would: locally the local front door's origin
/// priorities (<see cref="FrontDoorControlSwitch"/>); in Azure, Cosmos DB's failover priorities and Front Door's origin
/// priorities through Resource Manager, each operation polled to completion (not built here: <c>Recovery:Failover:Switch</c>
/// <c>ResourceManager</c> is where it plugs in). The drill chooses one by <c>Recovery:Failover:Switch</c>.
/// </summary>
public interface IRegionSwitch
{
    /// <summary>What it switches, in a few words, for the drill's record (<c>local front door at http://...</c>).</summary>
    string Describe { get; }

    /// <summary>The regions and their priorities now.</summary>
    Task<RegionLayout> ReadAsync(CancellationToken ct);

    /// <summary>Gives the regions the priorities 1, 2, ... in the order of <paramref name="order"/> (every region once), and returns the layout after it.</summary>
    /// <exception cref="RegionSwitchException">The change was refused or could not be made; the message says why.</exception>
    Task<RegionLayout> SetOrderAsync(IReadOnlyList<string> order, CancellationToken ct);
}

/// <summary>A region switch that could not read or change the priorities.</summary>
public sealed class RegionSwitchException : Exception
{
    public RegionSwitchException()
    {
    }

    public RegionSwitchException(string message)
        : base(message)
    {
    }

    public RegionSwitchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
