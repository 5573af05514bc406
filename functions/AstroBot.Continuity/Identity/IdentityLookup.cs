using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// Finds a person from what an operator, an archive or a feature has: a user key or any identifier they had.
/// Read only: nothing is created or linked.
/// </summary>
public sealed class IdentityLookup(IdentityDirectory directory, IdentityClaims claims)
{
    /// <summary>The prefix that names a person by their key, even a phone-number key whose number now belongs to someone else.</summary>
    public const string KeyPrefix = "key:";

    /// <summary>
    /// The person <paramref name="text"/> names: <c>key:</c> and a user key (that key, with its record if the directory
    /// has one: the way to reach a person the directory lost, or one whose number was given to someone else), a minted
    /// user key with a record, or an identifier in any form <see cref="Identifier.TryParse"/> reads. A phone number the
    /// directory never saw names the person keyed by it (how everyone the bot knew before the directory is keyed), with
    /// no record. Null when it names nobody.
    /// </summary>
    public async Task<PersonMatch?> FindAsync(string text, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (text.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            var key = text[KeyPrefix.Length..];
            return UserKey.IsValid(key)
                ? new PersonMatch(key, await directory.GetPersonAsync(key, ct).ConfigureAwait(false) is { IsActive: true } keyed ? keyed : null)
                : null;
        }

        if (UserKey.IsMinted(text))
        {
            return await directory.GetPersonAsync(text, ct).ConfigureAwait(false) is { IsActive: true } minted ? new PersonMatch(text, minted) : null;
        }

        if (!Identifier.TryParse(text, out var identifier))
        {
            return null;
        }

        if (identifier.Resolves)
        {
            var owners = await claims.OwnersAsync([identifier], ct).ConfigureAwait(false);
            if (owners.TryGetValue(identifier, out var owner))
            {
                return new PersonMatch(owner.UserKey, owner);
            }
        }
        else if (await directory.GetLinkAsync(identifier, ct).ConfigureAwait(false) is { } link
            && await directory.GetPersonAsync(link.UserKey, ct).ConfigureAwait(false) is { IsActive: true } named && named.Holds(identifier))
        {
            return new PersonMatch(named.UserKey, named);
        }

        // A number with no link is its own key, unless another person was given it (then it is theirs) or its own
        // person gave it up.
        return identifier.Kind == IdentifierKind.Phone
            && await directory.GetLinkAsync(identifier, ct).ConfigureAwait(false) is null
            && await directory.GetPersonAsync(identifier.Value, ct).ConfigureAwait(false) is null
                ? new PersonMatch(identifier.Value, null)
                : null;
    }

    /// <summary>Where messages to the person with <paramref name="userKey"/> go; null when they can no longer be reached (erased).</summary>
    public async Task<MessageRecipient?> ReplyAddressAsync(string userKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        return await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false) switch
        {
            { IsActive: true } person => person.ReplyAddress,
            null when WaIdFormat.IsValid(userKey) => MessageRecipient.ToPhone(userKey), // known by number only, from before the directory
            _ => null,
        };
    }
}

/// <summary>A person found by <see cref="IdentityLookup.FindAsync"/>: their key, and their directory record when they have one.</summary>
public sealed record PersonMatch(string UserKey, PersonRecord? Person);
