namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The front door's origins in priority order, and the rule that picks the one taking the traffic: the origin of
/// lowest priority number among those in service; when none is, the one of lowest priority number still restoring
/// (an answer beats a 503); when every origin is unhealthy, none. The priorities can be changed while it runs
/// (<see cref="Reorder"/>), as an operator changes Front Door's origin priorities; ids and health stay with each origin.
/// </summary>
public sealed class OriginTable
{
    /// <summary>The YARP cluster the origins form.</summary>
    public const string ClusterId = "regions";

    private volatile IReadOnlyList<Origin> origins;

    public OriginTable(LocalFrontDoorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        origins = [.. options.Origins.Select((address, index) => new Origin(IdOf(index + 1), index + 1, new Uri(address), new OriginHealth(options)))];
    }

    /// <summary>Every origin, the primary (priority 1) first.</summary>
    public IReadOnlyList<Origin> Origins => origins;

    /// <summary>The YARP destination id of the origin given as the <paramref name="position"/>th <c>--origin</c>: <c>region-1</c> for the first.</summary>
    public static string IdOf(int position) => $"region-{position}";

    /// <summary>The origin with YARP destination id <paramref name="id"/>.</summary>
    public Origin this[string id] => origins.Single(origin => origin.Id == id);

    /// <summary>The origin that takes the traffic now, or null when every origin is unhealthy.</summary>
    public Origin? Route() => Pick(origins);

    /// <summary>
    /// Gives the origins the priorities 1, 2, ... in the order of <paramref name="ids"/>, which must name every origin
    /// once. The next request already follows it; health is untouched, so an unhealthy origin made priority 1 still
    /// takes no traffic.
    /// </summary>
    /// <exception cref="ArgumentException">The ids are not every origin's exactly once; the message says what is wrong.</exception>
    public void Reorder(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var current = origins;
        var unknown = ids.Where(id => current.All(origin => origin.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"No origin is called {string.Join(", ", unknown)}; the origins are {string.Join(", ", current.Select(origin => origin.Id))}.", nameof(ids));
        }

        var twice = ids.GroupBy(id => id, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        var missing = current.Where(origin => !ids.Contains(origin.Id)).Select(origin => origin.Id).ToList();
        if (twice.Count > 0 || missing.Count > 0)
        {
            throw new ArgumentException(
                $"The order must name every origin once ({string.Join(", ", current.Select(origin => origin.Id))}): " +
                string.Join("; ", new[] { twice.Count > 0 ? $"{string.Join(", ", twice)} named twice" : null, missing.Count > 0 ? $"{string.Join(", ", missing)} missing" : null }.OfType<string>()) + ".",
                nameof(ids));
        }

        origins = [.. ids.Select((id, index) => current.Single(origin => origin.Id == id) with { Priority = index + 1 })];
    }

    /// <summary>The origin of <paramref name="candidates"/> that takes the traffic, by the rule above.</summary>
    public static Origin? Pick(IEnumerable<Origin> candidates) =>
        candidates.Where(origin => origin.Health.State != OriginState.Unhealthy)
            .OrderBy(origin => origin.Rank)
            .ThenBy(origin => origin.Priority)
            .FirstOrDefault();
}
