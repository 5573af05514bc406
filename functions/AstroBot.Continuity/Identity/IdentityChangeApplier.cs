using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// Applies a change of phone number or BSUID (a system message): the person of the previous identifiers (created
/// if the directory never saw them, so a user the bot knew only by number keeps their history) gets the new ones
/// as current, which retires the old ones. Nothing is copied: the person's key, and so all their data, stays.
/// Late webhooks under the old identifiers still resolve to the person; a redelivered change changes nothing; a
/// new identifier the directory holds for someone else is recorded as a conflict and not moved.
/// </summary>
public sealed class IdentityChangeApplier(
    IdentityResolver resolver, IdentityDirectory directory, IdentityClaims claims, ILogger<IdentityChangeApplier> logger)
{
    private const int MaxRounds = 8;

    /// <summary>Applies <paramref name="change"/>; returns the person afterwards, or null when the change names nobody.</summary>
    public async Task<IdentityChangeResult?> ApplyAsync(IdentityChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Current.IsAnonymous)
        {
            LogMessages.IdentityChangeWithoutIdentifiers(logger, change.Wamid);
            return null;
        }

        var current = Identifier.Of(change.Current);
        for (var round = 0; round < MaxRounds; round++)
        {
            var person = await resolver.ResolveAsync(change.Previous.IsAnonymous ? change.Current : change.Previous, change.Timestamp, ct).ConfigureAwait(false);
            var owners = await claims.OwnersAsync(current, ct).ConfigureAwait(false);
            var heldElsewhere = owners.Where(pair => pair.Value.UserKey != person.UserKey).ToList();
            foreach (var (identifier, holder) in heldElsewhere)
            {
                await directory.RecordConflictAsync(new IdentityConflict(identifier, holder.UserKey, person.UserKey, change.Timestamp, change.Timestamp), ct)
                    .ConfigureAwait(false);
                LogMessages.IdentityConflictRecorded(logger, identifier.Kind);
            }

            var taken = current.Except(heldElsewhere.Select(pair => pair.Key)).ToList();
            var updated = person.WithCurrent(taken, change.Timestamp);
            if (updated.Identifiers.SequenceEqual(person.Identifiers))
            {
                return new IdentityChangeResult(person, Changed: false); // applied before: a redelivery
            }

            if (await directory.TryReplacePersonAsync(updated, ct).ConfigureAwait(false) is not { } replaced)
            {
                continue;
            }

            var outcome = await claims.ClaimAsync(replaced, taken, firstDecides: false, ct).ConfigureAwait(false);
            if (outcome.Person is null)
            {
                continue; // erased meanwhile: the new identifiers start afresh
            }

            LogMessages.IdentityChangeApplied(logger, change.Wamid, change.Kind, outcome.Lost.Count);
            return new IdentityChangeResult(outcome.Person, Changed: true);
        }

        throw new InvalidOperationException($"The identity directory kept changing under {MaxRounds} rounds; the queue will retry.");
    }
}

/// <summary>The person a change applied to, and whether it changed anything (false for a redelivery).</summary>
public sealed record IdentityChangeResult(PersonRecord Person, bool Changed);
