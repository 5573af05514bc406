using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// Resolves the identifiers of a webhook to one person (docs/data-model.md, "Identity"):
/// <list type="number">
/// <item>Each phone number, BSUID and parent BSUID is looked up; a link counts only while the person it points to is
/// active and lists the identifier.</item>
/// <item>None known: a new person. Their key is the phone number when there is one and no other person has that
/// key (so people the bot knew by number before the directory keep their data), else a minted key.</item>
/// <item>Known: the person of the BSUID, else of the parent BSUID, else of the phone number. Identifiers the
/// directory did not know are linked to them; one the directory holds for someone else is recorded as a conflict
/// and left where it is.</item>
/// <item>A phone number that comes with a BSUID nobody knows, while its person gave the number up (a change of number
/// retired it) or has a BSUID of their own, is a new person who got the recycled number (WhatsApp regenerates the
/// BSUID with the number): they get their own key and the number, so nobody is handed another person's history.
/// When the directory had not heard the old owner leave, that is recorded as a conflict for support to confirm.</item>
/// </list>
/// Concurrent deliveries agree: a new person's record is written before their links, links are claimed by
/// insert, and records are replaced under their ETag; whoever loses a race looks again.
/// </summary>
public sealed class IdentityResolver(IdentityDirectory directory, IdentityClaims claims, LegacyUserData legacyData, TimeProvider time, ILogger<IdentityResolver> logger)
{
    // A conditional write loses only to another delivery for the same person; a few rounds settle any race.
    private const int MaxRounds = 8;

    /// <summary>The person who sent a message with <paramref name="identifiers"/>, stamped <paramref name="seenAt"/>; created or linked as needed.</summary>
    /// <exception cref="ArgumentException">Neither a phone number nor a BSUID.</exception>
    public async Task<PersonRecord> ResolveAsync(UserIdentifiers identifiers, DateTimeOffset seenAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.IsAnonymous)
        {
            throw new ArgumentException("A sender has a phone number or a BSUID.", nameof(identifiers));
        }

        var all = Identifier.Of(identifiers);
        for (var round = 0; round < MaxRounds; round++)
        {
            var owners = await claims.OwnersAsync(all, ct).ConfigureAwait(false);
            var person = owners.Count == 0
                ? await TryCreateAsync(identifiers.Phone, all, seenAt, ct).ConfigureAwait(false)
                : await TryLinkAsync(identifiers, all, owners, seenAt, ct).ConfigureAwait(false);
            if (person is not null)
            {
                return person;
            }
        }

        throw new InvalidOperationException($"The identity directory kept changing under {MaxRounds} rounds; the queue will retry.");
    }

    private async Task<PersonRecord?> TryCreateAsync(string? phone, IReadOnlyList<Identifier> all, DateTimeOffset seenAt, CancellationToken ct)
    {
        var key = UserKey.Mint();
        if (phone is not null)
        {
            switch (await directory.GetPersonAsync(phone, ct).ConfigureAwait(false))
            {
                case null:
                    key = phone;
                    break;
                case { IsActive: true } numbersPerson when numbersPerson.Holds(new Identifier(IdentifierKind.Phone, phone)):
                    return null; // another delivery is creating this number's person: look again
            }
        }

        if (await directory.TryAddPersonAsync(PersonRecord.Create(key, all, seenAt, time.GetUtcNow()), ct).ConfigureAwait(false) is not { } created)
        {
            return null; // another delivery created this number's person first
        }

        var outcome = await claims.ClaimAsync(created, all, firstDecides: true, ct).ConfigureAwait(false);
        if (outcome.Person is not { } person || !outcome.Claimed.Any(identifier => identifier.Resolves))
        {
            // Another delivery created the same person with another key and won every link: use theirs.
            await directory.TryDeletePersonAsync(outcome.Person ?? created, ct).ConfigureAwait(false);
            return null;
        }

        LogMessages.IdentityPersonCreated(logger, UserKey.IsMinted(key), all.Count);
        return person;
    }

    private async Task<PersonRecord?> TryLinkAsync(
        UserIdentifiers identifiers, IReadOnlyList<Identifier> all, IReadOnlyDictionary<Identifier, PersonRecord> owners, DateTimeOffset seenAt, CancellationToken ct)
    {
        var chosen = Chosen(owners);
        foreach (var (identifier, owner) in owners)
        {
            if (owner.UserKey != chosen.UserKey)
            {
                await RecordConflictAsync(identifier, owner.UserKey, chosen.UserKey, seenAt, ct).ConfigureAwait(false);
            }
        }

        if (IsRecycledNumber(identifiers, owners, chosen))
        {
            return await TryGiveRecycledNumberAsync(identifiers, all, chosen, seenAt, ct).ConfigureAwait(false);
        }

        var unknown = all.Where(identifier => !owners.ContainsKey(identifier) && !chosen.Holds(identifier)).ToList();
        if (identifiers.Phone is { } phone && unknown.Contains(new Identifier(IdentifierKind.Phone, phone))
            && await HidesHistoryAsync(phone, chosen, ct).ConfigureAwait(false))
        {
            await RecordConflictAsync(new Identifier(IdentifierKind.Phone, phone), phone, chosen.UserKey, seenAt, ct).ConfigureAwait(false);
            unknown.Remove(new Identifier(IdentifierKind.Phone, phone));
        }

        if (unknown.Count == 0)
        {
            return chosen;
        }

        var updated = await directory.TryReplacePersonAsync(chosen.WithSeen(unknown, seenAt), ct).ConfigureAwait(false);
        if (updated is null)
        {
            return null;
        }

        var outcome = await claims.ClaimAsync(updated, unknown, firstDecides: false, ct).ConfigureAwait(false);
        foreach (var (identifier, holder) in outcome.Lost)
        {
            await RecordConflictAsync(identifier, holder, chosen.UserKey, seenAt, ct).ConfigureAwait(false);
        }

        if (outcome.Person is null)
        {
            return null; // erased meanwhile: the links were taken back; next round finds nobody
        }

        LogMessages.IdentityLinked(logger, outcome.Claimed.Count, outcome.Lost.Count);
        return outcome.Person;
    }

    private static PersonRecord Chosen(IReadOnlyDictionary<Identifier, PersonRecord> owners) =>
        owners.MinBy(pair => pair.Key.Precedence).Value;

    // Only the number is known, the BSUID is new to everybody, and the number's person gave it up or has a BSUID of
    // their own: someone else has that number now.
    private static bool IsRecycledNumber(UserIdentifiers identifiers, IReadOnlyDictionary<Identifier, PersonRecord> owners, PersonRecord chosen) =>
        identifiers is { Phone: { } phone, Bsuid: { } bsuid }
        && owners.Count == 1
        && owners.ContainsKey(new Identifier(IdentifierKind.Phone, phone))
        && !chosen.Holds(new Identifier(IdentifierKind.Bsuid, bsuid))
        && (chosen.Find(new Identifier(IdentifierKind.Phone, phone)) is { IsCurrent: false } || chosen.Current.Bsuid is not null);

    private async Task<PersonRecord?> TryGiveRecycledNumberAsync(
        UserIdentifiers identifiers, IReadOnlyList<Identifier> all, PersonRecord previousOwner, DateTimeOffset seenAt, CancellationToken ct)
    {
        var phone = new Identifier(IdentifierKind.Phone, identifiers.Phone!);
        if (await directory.GetLinkAsync(phone, ct).ConfigureAwait(false) is not { } phoneLink
            || await directory.TryAddPersonAsync(PersonRecord.Create(UserKey.Mint(), all, seenAt, time.GetUtcNow()), ct).ConfigureAwait(false) is not { } created)
        {
            return null;
        }

        var outcome = await claims.ClaimAsync(created, all.Where(identifier => identifier != phone), firstDecides: true, ct).ConfigureAwait(false);
        if (outcome.Person is null || !outcome.Claimed.Any(identifier => identifier.Resolves)
            || !await directory.TryMoveLinkAsync(phoneLink, created.UserKey, ct).ConfigureAwait(false))
        {
            await claims.ReleaseAsync(created.UserKey, outcome.Claimed, ct).ConfigureAwait(false);
            await directory.TryDeletePersonAsync(outcome.Person ?? created, ct).ConfigureAwait(false);
            return null;
        }

        if (previousOwner.Find(phone) is { IsCurrent: true })
        {
            // The directory never heard the old owner leave: stop sending them anything at the number, and let support confirm.
            await claims.RetireAsync(previousOwner.UserKey, phone, seenAt, ct).ConfigureAwait(false);
            await RecordConflictAsync(phone, previousOwner.UserKey, created.UserKey, seenAt, ct).ConfigureAwait(false);
        }

        LogMessages.IdentityRecycledNumber(logger);
        return outcome.Person;
    }

    // Linking a number the directory never saw to someone else would hide the history kept under it (a person the
    // bot knew by that number before the directory existed).
    private async Task<bool> HidesHistoryAsync(string phone, PersonRecord chosen, CancellationToken ct) =>
        chosen.UserKey != phone
        && await directory.GetPersonAsync(phone, ct).ConfigureAwait(false) is null
        && await legacyData.ExistsAsync(phone, ct).ConfigureAwait(false);

    private async Task RecordConflictAsync(Identifier identifier, string heldBy, string claimedBy, DateTimeOffset seenAt, CancellationToken ct)
    {
        await directory.RecordConflictAsync(new IdentityConflict(identifier, heldBy, claimedBy, seenAt, seenAt), ct).ConfigureAwait(false);
        LogMessages.IdentityConflictRecorded(logger, identifier.Kind);
    }
}
