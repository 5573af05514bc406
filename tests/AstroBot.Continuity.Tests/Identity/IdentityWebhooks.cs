using System.Globalization;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.Identity;

/// <summary>
/// Inbox queue messages in the shapes of Meta's business-scoped user ID documentation: a text from any mix of phone
/// number, BSUID and username (absent ones left out, as Meta does), and the two system messages of a change.
/// </summary>
internal static class IdentityWebhooks
{
    public const string PhoneNumberId = "100200300";

    public static string Text(UserIdentifiers sender, string wamid, string text, DateTimeOffset sentAt)
    {
        var message = new JsonObject { ["id"] = wamid, ["timestamp"] = Seconds(sentAt), ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } };
        Put(message, "from", sender.Phone);
        Put(message, "from_user_id", sender.Bsuid);
        Put(message, "from_parent_user_id", sender.ParentBsuid);
        var profile = new JsonObject { ["name"] = "Sheena Nelson" };
        Put(profile, "username", sender.Username);
        var contact = new JsonObject { ["profile"] = profile };
        Put(contact, "wa_id", sender.Phone);
        Put(contact, "user_id", sender.Bsuid);
        return Envelope(new JsonObject { ["contacts"] = new JsonArray(contact), ["messages"] = new JsonArray(message) }, sentAt);
    }

    /// <summary><c>user_changed_number</c>: <c>from</c> is the old number (left out for a username user), the new ones in <c>system</c>.</summary>
    public static string NumberChanged(string? oldPhone, string oldBsuid, string newPhone, string newBsuid, string wamid, DateTimeOffset at)
    {
        var system = new JsonObject
        {
            ["body"] = "User changed number",
            ["wa_id"] = newPhone,
            ["user_id"] = newBsuid,
            ["previous_user_id"] = oldBsuid,
            ["type"] = "user_changed_number",
        };
        return SystemMessage(oldPhone, system, wamid, at);
    }

    /// <summary><c>user_changed_user_id</c>: a new BSUID and no phone number.</summary>
    public static string BsuidChanged(string oldBsuid, string newBsuid, string wamid, DateTimeOffset at)
    {
        var system = new JsonObject { ["body"] = "User changed", ["user_id"] = newBsuid, ["previous_user_id"] = oldBsuid, ["type"] = "user_changed_user_id" };
        return SystemMessage(null, system, wamid, at);
    }

    private static string SystemMessage(string? from, JsonObject system, string wamid, DateTimeOffset at)
    {
        var message = new JsonObject { ["id"] = wamid, ["timestamp"] = Seconds(at), ["type"] = "system", ["system"] = system };
        Put(message, "from", from);
        return Envelope(new JsonObject { ["messages"] = new JsonArray(message) }, at);
    }

    private static string Envelope(JsonObject value, DateTimeOffset receivedAt)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550009999", ["phone_number_id"] = PhoneNumberId };
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "WABA-1",
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }),
            }),
        };
        return WebhookEnvelope.Inline(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), receivedAt).ToQueueText();
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
