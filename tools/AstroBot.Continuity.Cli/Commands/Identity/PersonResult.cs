using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>A person as <c>identity show</c> prints them (its <c>--json</c> shape).</summary>
/// <param name="UserKey">Their stable key: the <c>wa_id</c> of all their data.</param>
/// <param name="State">Active (identifiers resolve to them) or erasing.</param>
/// <param name="InDirectory">False for a person the bot knew by phone number before the directory, which records them the next time they write.</param>
/// <param name="CreatedAt">When the directory first saw them; null when it has not yet.</param>
/// <param name="Identifiers">Every identifier they have or had, by kind, oldest first.</param>
/// <param name="ReplyTo">Where the bot's messages to them go: the current phone number when known, else the current BSUID.</param>
internal sealed record PersonResult(
    string UserKey,
    PersonState State,
    bool InDirectory,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<IdentifierEntryResult> Identifiers,
    IdentifierResult? ReplyTo)
{
    public static PersonResult From(PersonMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.Person is not { } person)
        {
            // Keyed by their number, which is all the bot knows of them.
            var phone = new Identifier(IdentifierKind.Phone, match.UserKey);
            return new PersonResult(
                match.UserKey, PersonState.Active, InDirectory: false, CreatedAt: null,
                [new IdentifierEntryResult(phone.KindName, phone.Value, Since: null, RetiredAt: null, Current: true)],
                IdentifierResult.From(MessageRecipient.ToPhone(match.UserKey)));
        }

        var identifiers = person.Identifiers
            .OrderBy(entry => entry.Identifier.Kind)
            .ThenBy(entry => entry.Since)
            .Select(entry => new IdentifierEntryResult(entry.Identifier.KindName, entry.Identifier.Value, entry.Since, entry.RetiredAt, entry.IsCurrent))
            .ToList();
        return new PersonResult(
            person.UserKey, person.State, InDirectory: true, person.CreatedAt, identifiers,
            person.ReplyAddress is { } address ? IdentifierResult.From(address) : null);
    }
}

/// <summary>One identifier of a person: since when, and when a newer one of its kind retired it (null while current).</summary>
internal sealed record IdentifierEntryResult(string Kind, string Value, DateTimeOffset? Since, DateTimeOffset? RetiredAt, bool Current);
