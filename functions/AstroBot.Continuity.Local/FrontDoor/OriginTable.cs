namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The front door's origins in priority order, and the rule that picks the one taking the traffic: the origin of
/// lowest priority number among those in service; when none is, the one of lowest priority number still restoring
/// (an answer beats a 503); when every origin is unhealthy, none.
/// </summary>
public sealed class OriginTable
{
    /// <summary>The YARP cluster the origins form.</summary>
    public const string ClusterId = "regions";

    public OriginTable(LocalFrontDoorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Origins = [.. options.Origins.Select((address, index) => new Origin(IdOf(index + 1), index + 1, new Uri(address), new OriginHealth(options)))];
    }

    /// <summary>Every origin, the primary first.</summary>
    public IReadOnlyList<Origin> Origins { get; }

    /// <summary>The YARP destination id of the origin of priority <paramref name="priority"/>: <c>region-1</c> for the primary.</summary>
    public static string IdOf(int priority) => $"region-{priority}";

    /// <summary>The origin with YARP destination id <paramref name="id"/>.</summary>
    public Origin this[string id] => Origins.Single(origin => origin.Id == id);

    /// <summary>The origin that takes the traffic now, or null when every origin is unhealthy.</summary>
    public Origin? Route() => Pick(Origins);

    /// <summary>The origin of <paramref name="candidates"/> that takes the traffic, by the rule above.</summary>
    public static Origin? Pick(IEnumerable<Origin> candidates) =>
        candidates.Where(origin => origin.Health.State != OriginState.Unhealthy)
            .OrderBy(origin => origin.Rank)
            .ThenBy(origin => origin.Priority)
            .FirstOrDefault();
}
