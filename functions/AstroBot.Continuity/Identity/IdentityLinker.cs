using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// Support's manual link (<c>continuity identity link</c>): gives an identifier to a person, for a case the webhooks
/// could not settle (a conflict, a number the user proves is theirs). The person keeps their current identifiers
/// (replies go where they went) unless they had none of that kind or the operator makes it current (a change of
/// number WhatsApp's message about never arrived). An identifier another person holds, or a phone
/// number the bot keeps a history under, is refused unless the operator moves it on purpose; nothing is ever merged
/// or copied here (docs/operations/identity.md says how to merge two people's data). Linking closes the conflict
/// over the identifier, also when it was linked already (the operator has decided).
/// </summary>
public sealed class IdentityLinker(IdentityDirectory directory, IdentityClaims claims, LegacyUserData legacyData, TimeProvider time)
{
    private const int MaxRounds = 8;

    /// <summary>Links <paramref name="identifier"/> to the person with key <paramref name="userKey"/>.</summary>
    /// <param name="identifier">The identifier to give.</param>
    /// <param name="userKey">The person to give it to; they must be in the directory, or be a phone-number key from before it.</param>
    /// <param name="move">Take it from whoever holds it (they lose it), or link a number the bot holds another history under.</param>
    /// <param name="makeCurrent">Make it the person's current identifier of its kind (replies go there from now on).</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<ManualLinkResult> LinkAsync(Identifier identifier, string userKey, bool move, bool makeCurrent, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        for (var round = 0; round < MaxRounds; round++)
        {
            var target = await TargetAsync(userKey, ct).ConfigureAwait(false);
            if (target is null)
            {
                return new ManualLinkResult(ManualLinkOutcome.NoSuchPerson, null);
            }

            var owner = (await claims.OwnersAsync([identifier], ct).ConfigureAwait(false)).GetValueOrDefault(identifier);
            if (owner?.UserKey == userKey && !(makeCurrent && target.Find(identifier) is { IsCurrent: false }))
            {
                await directory.RemoveConflictAsync(identifier, ct).ConfigureAwait(false);
                return new ManualLinkResult(ManualLinkOutcome.AlreadyLinked, null);
            }

            var holder = owner?.UserKey == userKey ? null : owner;
            var refusedBy = holder?.UserKey
                ?? (identifier.Kind == IdentifierKind.Phone && identifier.Value != userKey && await HistoryUnderAsync(identifier.Value, ct).ConfigureAwait(false) ? identifier.Value : null);
            if (refusedBy is not null && !move)
            {
                return new ManualLinkResult(ManualLinkOutcome.HeldByAnother, refusedBy);
            }

            if (holder is not null && await directory.TryReplacePersonAsync(holder.Without([identifier]), ct).ConfigureAwait(false) is null)
            {
                continue;
            }

            var now = time.GetUtcNow();
            var linked = makeCurrent ? target.WithCurrent([identifier], now) : target.WithFormer(identifier, now);
            var updated = await directory.TryReplacePersonAsync(linked, ct).ConfigureAwait(false);
            if (updated is null)
            {
                continue;
            }

            var outcome = await claims.ClaimAsync(updated, [identifier], firstDecides: false, ct).ConfigureAwait(false);
            if (outcome.Person is null || outcome.Lost.Count > 0)
            {
                continue;
            }

            await directory.RemoveConflictAsync(identifier, ct).ConfigureAwait(false);
            return new ManualLinkResult(refusedBy is null ? ManualLinkOutcome.Linked : ManualLinkOutcome.Moved, refusedBy);
        }

        throw new InvalidOperationException($"The identity directory kept changing under {MaxRounds} rounds; run the link again.");
    }

    /// <summary>
    /// Gives an imported person the identifiers their archive lists, wherever nobody else holds them, replaying
    /// their history (each kind's newest stays current). The person's record is made when the directory has none: a
    /// migration into a fresh deployment must still know that a BSUID belongs to the imported key.
    /// </summary>
    /// <returns>How many identifiers were linked, and how many another person holds (left with them).</returns>
    public async Task<(int Linked, int HeldElsewhere)> AdoptAsync(string userKey, IReadOnlyList<IdentifierEntry> entries, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        ArgumentNullException.ThrowIfNull(entries);

        // A phone-number key is its own number, whatever the archive lists (archives made before identities were exported list none).
        var ownNumber = new Identifier(IdentifierKind.Phone, userKey);
        if (WaIdFormat.IsValid(userKey) && !entries.Any(entry => entry.Identifier == ownNumber))
        {
            entries = [new IdentifierEntry(ownNumber, entries.Select(entry => entry.Since).DefaultIfEmpty(time.GetUtcNow()).Min()), .. entries];
        }

        if (entries.Count == 0)
        {
            return (0, 0);
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var person = await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false)
                ?? await directory.TryAddPersonAsync(new PersonRecord(userKey, PersonState.Active, [], time.GetUtcNow(), default), ct).ConfigureAwait(false);
            if (person is null)
            {
                continue;
            }

            if (!person.IsActive)
            {
                return (0, 0);
            }

            var owners = await claims.OwnersAsync(entries.Select(entry => entry.Identifier), ct).ConfigureAwait(false);
            var heldElsewhere = owners.Count(pair => pair.Value.UserKey != userKey);
            var free = entries.Where(entry => !owners.ContainsKey(entry.Identifier) && !person.Holds(entry.Identifier)).OrderBy(entry => entry.Since).ToList();
            if (free.Count == 0)
            {
                return (0, heldElsewhere);
            }

            var replayed = free.Aggregate(person, (record, entry) => record.WithSeen([entry.Identifier], entry.Since));
            if (await directory.TryReplacePersonAsync(replayed, ct).ConfigureAwait(false) is not { } updated)
            {
                continue;
            }

            var outcome = await claims.ClaimAsync(updated, free.Select(entry => entry.Identifier), firstDecides: false, ct).ConfigureAwait(false);
            return (outcome.Claimed.Count, heldElsewhere + outcome.Lost.Count);
        }

        throw new InvalidOperationException($"The identity directory kept changing under {MaxRounds} rounds; run the import again.");
    }

    // The target's record. A key the directory has no record of gets one now when it is a phone number (it holds
    // its own number) or when the bot keeps data under it (a person the directory lost: linking reconnects them).
    private async Task<PersonRecord?> TargetAsync(string userKey, CancellationToken ct)
    {
        if (await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false) is { } person)
        {
            return person.IsActive ? person : null;
        }

        var isPhone = WaIdFormat.IsValid(userKey);
        if (!isPhone && !(UserKey.IsMinted(userKey) && await legacyData.ExistsAsync(userKey, ct).ConfigureAwait(false)))
        {
            return null;
        }

        Identifier[] own = isPhone ? [new Identifier(IdentifierKind.Phone, userKey)] : [];
        var created = await directory.TryAddPersonAsync(PersonRecord.Create(userKey, own, time.GetUtcNow(), time.GetUtcNow()), ct).ConfigureAwait(false);
        return created is null
            ? await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false)
            : (await claims.ClaimAsync(created, own, firstDecides: true, ct).ConfigureAwait(false)).Person;
    }

    private async Task<bool> HistoryUnderAsync(string phone, CancellationToken ct) =>
        await directory.GetPersonAsync(phone, ct).ConfigureAwait(false) is null && await legacyData.ExistsAsync(phone, ct).ConfigureAwait(false);
}

/// <summary>What a manual link did.</summary>
/// <param name="Outcome">Linked, already linked, moved, refused or no such person.</param>
/// <param name="OtherPerson">Who held the identifier (moved from, or refused because of), when someone did.</param>
public sealed record ManualLinkResult(ManualLinkOutcome Outcome, string? OtherPerson);

/// <summary>The outcomes of <see cref="IdentityLinker.LinkAsync"/>.</summary>
public enum ManualLinkOutcome
{
    /// <summary>The identifier now belongs to the person.</summary>
    Linked = 1,

    /// <summary>It already did; nothing changed.</summary>
    AlreadyLinked = 2,

    /// <summary>It was taken from another person (or from the history kept under a phone number) as asked.</summary>
    Moved = 3,

    /// <summary>Refused: another person holds it, or the bot keeps a history under that phone number. Nothing changed.</summary>
    HeldByAnother = 4,

    /// <summary>The target is not a person the directory knows (nor a phone-number key).</summary>
    NoSuchPerson = 5,
}
