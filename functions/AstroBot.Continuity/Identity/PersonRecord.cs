using AstroBot.Continuity.WhatsApp;
using Azure;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// A person in the identity directory: their stable key and every identifier they have had, each kind with at
/// most one current identifier (a newer one retires the older). The source of truth: a link from an identifier
/// to this key counts only while this record lists that identifier.
/// </summary>
/// <param name="UserKey">The person's stable key (<see cref="Identity.UserKey"/>).</param>
/// <param name="State">Active, or being erased.</param>
/// <param name="Identifiers">Every identifier, current and retired.</param>
/// <param name="CreatedAt">When the directory first saw the person.</param>
/// <param name="ETag">The version read; writes are conditional on it.</param>
public sealed record PersonRecord(string UserKey, PersonState State, IReadOnlyList<IdentifierEntry> Identifiers, DateTimeOffset CreatedAt, ETag ETag)
{
    /// <summary>A new person holding <paramref name="identifiers"/>, first seen at <paramref name="seenAt"/>.</summary>
    public static PersonRecord Create(string userKey, IEnumerable<Identifier> identifiers, DateTimeOffset seenAt, DateTimeOffset createdAt) =>
        new PersonRecord(userKey, PersonState.Active, [], createdAt, default).WithSeen(identifiers, seenAt);

    /// <summary>True while identifiers resolve to the person.</summary>
    public bool IsActive => State == PersonState.Active;

    /// <summary>The person's current identifiers (each kind's newest), e.g. to tell the bot who wrote.</summary>
    public UserIdentifiers Current => new(
        CurrentValue(IdentifierKind.Phone),
        CurrentValue(IdentifierKind.Bsuid),
        CurrentValue(IdentifierKind.ParentBsuid),
        CurrentValue(IdentifierKind.Username));

    /// <summary>Where messages to the person go: their current phone number when known, else their current BSUID.</summary>
    public MessageRecipient? ReplyAddress => Current.ReplyAddress;

    /// <summary>The entry for <paramref name="identifier"/>, current or retired; null when the person never had it.</summary>
    public IdentifierEntry? Find(Identifier identifier) => Identifiers.FirstOrDefault(entry => entry.Identifier == identifier);

    /// <summary>True when the person has or had <paramref name="identifier"/>.</summary>
    public bool Holds(Identifier identifier) => Find(identifier) is not null;

    /// <summary>
    /// Adds the identifiers the person was not known by, as seen in a webhook stamped <paramref name="seenAt"/>;
    /// identifiers already listed keep their entry (a late webhook never revives a retired one).
    /// </summary>
    public PersonRecord WithSeen(IEnumerable<Identifier> identifiers, DateTimeOffset seenAt)
    {
        var entries = Identifiers.ToList();
        foreach (var identifier in identifiers.Distinct())
        {
            if (!entries.Exists(entry => entry.Identifier == identifier))
            {
                MakeCurrent(entries, identifier, seenAt);
            }
        }

        return this with { Identifiers = entries };
    }

    /// <summary>
    /// Makes <paramref name="identifiers"/> the person's current ones as of <paramref name="at"/> (a change of number or
    /// BSUID): each retires the older identifier of its kind, and an identifier that comes back is current again.
    /// </summary>
    public PersonRecord WithCurrent(IEnumerable<Identifier> identifiers, DateTimeOffset at)
    {
        var entries = Identifiers.ToList();
        foreach (var identifier in identifiers.Distinct())
        {
            var index = entries.FindIndex(entry => entry.Identifier == identifier);
            if (index >= 0)
            {
                if (entries[index] is { IsCurrent: false } retired && retired.RetiredAt <= at)
                {
                    entries.RemoveAt(index);
                    MakeCurrent(entries, identifier, at);
                }

                continue;
            }

            MakeCurrent(entries, identifier, at);
        }

        return this with { Identifiers = entries };
    }

    /// <summary>
    /// Adds <paramref name="identifier"/> as one the person had: current only when they have no current identifier of
    /// its kind (support linking an old number must not change where replies go).
    /// </summary>
    public PersonRecord WithFormer(Identifier identifier, DateTimeOffset at) =>
        Identifiers.Any(entry => entry.IsCurrent && entry.Identifier.Kind == identifier.Kind)
            ? this with { Identifiers = [.. Identifiers.Where(entry => entry.Identifier != identifier), new IdentifierEntry(identifier, at, at)] }
            : WithCurrent([identifier], at);

    /// <summary>The record without <paramref name="identifiers"/> (links another person won).</summary>
    public PersonRecord Without(IEnumerable<Identifier> identifiers)
    {
        var dropped = identifiers.ToHashSet();
        return this with { Identifiers = [.. Identifiers.Where(entry => !dropped.Contains(entry.Identifier))] };
    }

    private string? CurrentValue(IdentifierKind kind) =>
        Identifiers.Where(entry => entry.IsCurrent && entry.Identifier.Kind == kind).MaxBy(entry => entry.Since)?.Identifier.Value;

    // Adds the identifier as of `at`: it retires the current one of its kind if that is older, or is itself
    // retired at once if a newer one is current (webhooks arrive out of order).
    private static void MakeCurrent(List<IdentifierEntry> entries, Identifier identifier, DateTimeOffset at)
    {
        var newer = entries.Where(entry => entry.IsCurrent && entry.Identifier.Kind == identifier.Kind && entry.Since > at)
            .Select(entry => (DateTimeOffset?)entry.Since)
            .Min();
        if (newer is not null)
        {
            entries.Add(new IdentifierEntry(identifier, at, newer));
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].IsCurrent && entries[i].Identifier.Kind == identifier.Kind)
            {
                entries[i] = entries[i] with { RetiredAt = at };
            }
        }

        entries.Add(new IdentifierEntry(identifier, at));
    }
}
