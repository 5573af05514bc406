namespace AstroBot.Continuity.Identity;

/// <summary>One identifier a person has or had, as the directory lists it.</summary>
/// <param name="Identifier">The identifier.</param>
/// <param name="Since">When it was first seen for this person (Meta's timestamp of that webhook), or when a change made it current.</param>
/// <param name="RetiredAt">When a newer identifier of its kind replaced it; null while it is the person's current one.</param>
public sealed record IdentifierEntry(Identifier Identifier, DateTimeOffset Since, DateTimeOffset? RetiredAt = null)
{
    /// <summary>True while no newer identifier of its kind replaced it.</summary>
    public bool IsCurrent => RetiredAt is null;
}
