using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// The <c>contacts[]</c> block of one webhook value: each contact's phone number (<c>wa_id</c>, left out for a
/// username user), BSUID (<c>user_id</c>), parent BSUID, username and profile name. Messages and statuses name
/// their user by phone number or BSUID; the matching contact fills in the rest.
/// </summary>
internal sealed class WebhookContacts
{
    private readonly List<(UserIdentifiers Identifiers, string? ProfileName)> contacts = [];

    public static WebhookContacts Read(JsonElement value, string path)
    {
        var read = new WebhookContacts();
        foreach (var (contact, contactPath) in WebhookJsonFields.OptionalArray(value, "contacts", path))
        {
            var profile = WebhookJsonFields.OptionalObject(contact, "profile", contactPath);
            var profilePath = $"{contactPath}.profile";
            var identifiers = new UserIdentifiers(
                WebhookIdentifierFields.Optional(contact, "wa_id", contactPath),
                WebhookIdentifierFields.Optional(contact, "user_id", contactPath),
                WebhookIdentifierFields.Optional(contact, "parent_user_id", contactPath),
                profile is { } p ? WebhookIdentifierFields.Optional(p, "username", profilePath) : null);
            var name = profile is { } named ? WebhookJsonFields.OptionalString(named, "name", profilePath) : null;
            read.contacts.Add((identifiers, name));
        }

        return read;
    }

    /// <summary>The contact that shares a phone number or BSUID with <paramref name="user"/>, if any.</summary>
    public (UserIdentifiers? Identifiers, string? ProfileName) Find(UserIdentifiers user)
    {
        foreach (var (identifiers, name) in contacts)
        {
            if ((user.Phone is not null && identifiers.Phone == user.Phone) || (user.Bsuid is not null && identifiers.Bsuid == user.Bsuid))
            {
                return (identifiers, name);
            }
        }

        return (null, null);
    }
}
