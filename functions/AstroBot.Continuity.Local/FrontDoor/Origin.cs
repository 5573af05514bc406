namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>One region behind the front door: its YARP destination id, its priority (1 = primary), its address and health.</summary>
public sealed record Origin(string Id, int Priority, Uri Address, OriginHealth Health)
{
    /// <summary>How eager the front door is to send it traffic: lower is better, then the lower priority number.</summary>
    internal int Rank => Health.State switch
    {
        OriginState.InService or OriginState.Unknown => 0,
        OriginState.Restoring => 1,
        _ => 2,
    };

    public override string ToString() => $"{Id} ({Address.GetLeftPart(UriPartial.Authority)}, priority {Priority})";
}
