namespace AstroBot.Continuity.Identity;

/// <summary>
/// Who holds an identifier, and taking identifiers for a person: the directory's links read and written with the
/// checks that keep one identifier with one person. A link counts only while its person is active and lists the
/// identifier, so a link left behind by a crash or an erasure is taken over, never obeyed.
/// </summary>
public sealed class IdentityClaims(IdentityDirectory directory)
{
    /// <summary>The people who hold the resolving identifiers among <paramref name="identifiers"/> (usernames never resolve).</summary>
    public async Task<IReadOnlyDictionary<Identifier, PersonRecord>> OwnersAsync(IEnumerable<Identifier> identifiers, CancellationToken ct)
    {
        // The links at once, then their people at once: two round trips whatever a webhook carries.
        var resolving = identifiers.Where(identifier => identifier.Resolves).Distinct().ToList();
        var links = await Task.WhenAll(resolving.Select(identifier => directory.GetLinkAsync(identifier, ct))).ConfigureAwait(false);

        // A person keyed by their number whose link was never written (a crash in between) still holds it.
        var keys = resolving.Select((identifier, index) => links[index]?.UserKey ?? (identifier.Kind == IdentifierKind.Phone ? identifier.Value : null)).ToList();
        var people = await Task.WhenAll(keys.OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(async key => (Key: key, Person: await directory.GetPersonAsync(key, ct).ConfigureAwait(false)))).ConfigureAwait(false);
        var byKey = people.ToDictionary(pair => pair.Key, pair => pair.Person, StringComparer.Ordinal);

        var owners = new Dictionary<Identifier, PersonRecord>();
        for (var index = 0; index < resolving.Count; index++)
        {
            if (keys[index] is { } key && byKey[key] is { IsActive: true } person && person.Holds(resolving[index]))
            {
                owners[resolving[index]] = person;
            }
        }

        return owners;
    }

    /// <summary>
    /// Links <paramref name="identifiers"/> to <paramref name="person"/>, whose record already lists them. Identifiers another
    /// active person holds are lost (and dropped from the record); a username goes to whoever was seen with it last.
    /// If the person is being erased once the links are written, they are taken back and <see cref="ClaimOutcome.Person"/> is null.
    /// </summary>
    /// <param name="person">The person, whose record lists <paramref name="identifiers"/>.</param>
    /// <param name="identifiers">What to link.</param>
    /// <param name="firstDecides">For a new person: losing the first identifier means another delivery made the same
    /// person first, so nothing more is claimed (two people must not share out one person's identifiers).</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<ClaimOutcome> ClaimAsync(PersonRecord person, IEnumerable<Identifier> identifiers, bool firstDecides, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var claimed = new List<Identifier>();
        var lost = new List<(Identifier, string)>();
        var unclaimed = new List<Identifier>();
        // One order for everybody: two deliveries racing for the same identifiers meet at the first one.
        foreach (var identifier in identifiers.Distinct().OrderBy(identifier => identifier.Resolves ? 0 : 1).ThenBy(identifier => identifier.DirectoryKey, StringComparer.Ordinal))
        {
            if (firstDecides && lost.Count > 0)
            {
                unclaimed.Add(identifier);
            }
            else if (await TryClaimAsync(identifier, person.UserKey, ct).ConfigureAwait(false) is { } holder)
            {
                lost.Add((identifier, holder));
            }
            else
            {
                claimed.Add(identifier);
            }
        }

        var current = await DropAsync(person.UserKey, lost.Select(pair => pair.Item1).Concat(unclaimed), ct).ConfigureAwait(false);
        if (current is not { IsActive: true })
        {
            await ReleaseAsync(person.UserKey, claimed, ct).ConfigureAwait(false);
            return new ClaimOutcome(null, [], lost);
        }

        return new ClaimOutcome(current, claimed, lost);
    }

    /// <summary>Marks <paramref name="identifier"/> no longer current for the person with <paramref name="userKey"/> (its link stays as it is).</summary>
    public async Task RetireAsync(string userKey, Identifier identifier, DateTimeOffset at, CancellationToken ct)
    {
        for (var round = 0; round < 4; round++)
        {
            if (await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false) is not { } person || person.Find(identifier) is not { IsCurrent: true } entry)
            {
                return;
            }

            var retired = person with { Identifiers = [.. person.Identifiers.Select(e => e == entry ? e with { RetiredAt = at } : e)] };
            if (await directory.TryReplacePersonAsync(retired, ct).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException("A person's identity record kept changing; the queue will retry.");
    }

    /// <summary>Removes the links of <paramref name="identifiers"/> that point at <paramref name="userKey"/>.</summary>
    public async Task ReleaseAsync(string userKey, IEnumerable<Identifier> identifiers, CancellationToken ct)
    {
        foreach (var identifier in identifiers)
        {
            await directory.RemoveLinkAsync(identifier, userKey, ct).ConfigureAwait(false);
        }
    }

    // Null when the identifier is now linked to userKey; otherwise the key of the active person who holds it.
    private async Task<string?> TryClaimAsync(Identifier identifier, string userKey, CancellationToken ct)
    {
        for (var round = 0; round < 4; round++)
        {
            if (await directory.TryAddLinkAsync(identifier, userKey, ct).ConfigureAwait(false))
            {
                return null;
            }

            if (await directory.GetLinkAsync(identifier, ct).ConfigureAwait(false) is not { } link)
            {
                continue; // removed since: try the insert again
            }

            if (link.UserKey == userKey)
            {
                return null; // ours already (a redelivery)
            }

            var holder = await directory.GetPersonAsync(link.UserKey, ct).ConfigureAwait(false);
            if (identifier.Resolves && holder is { IsActive: true } && holder.Holds(identifier))
            {
                return link.UserKey;
            }

            if (await directory.TryMoveLinkAsync(link, userKey, ct).ConfigureAwait(false))
            {
                return null;
            }
        }

        throw new InvalidOperationException("An identity link kept changing; the queue will retry.");
    }

    // The person's latest record without the identifiers they lost; null when they are gone.
    private async Task<PersonRecord?> DropAsync(string userKey, IEnumerable<Identifier> lost, CancellationToken ct)
    {
        var dropped = lost.ToList();
        for (var round = 0; round < 4; round++)
        {
            var current = await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false);
            if (current is null || !dropped.Exists(current.Holds))
            {
                return current;
            }

            if (await directory.TryReplacePersonAsync(current.Without(dropped), ct).ConfigureAwait(false) is { } replaced)
            {
                return replaced;
            }
        }

        throw new InvalidOperationException("A person's identity record kept changing; the queue will retry.");
    }
}

/// <summary>What <see cref="IdentityClaims.ClaimAsync"/> did.</summary>
/// <param name="Person">The person's record afterwards; null when they were being erased (nothing stays linked to them).</param>
/// <param name="Claimed">The identifiers now linked to the person.</param>
/// <param name="Lost">The identifiers another person holds, with that person's key.</param>
public sealed record ClaimOutcome(PersonRecord? Person, IReadOnlyList<Identifier> Claimed, IReadOnlyList<(Identifier Identifier, string Holder)> Lost);
