using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Parses the body of a WhatsApp Cloud API webhook POST:
/// <c>{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{...}}]}]}</c>.
/// Every entry and change is flattened into one <see cref="WebhookBatch"/>. Never throws: a broken
/// payload becomes <see cref="WebhookParseResult.Error"/>.
/// </summary>
public static class WebhookPayloadParser
{
    private const string ExpectedObject = "whatsapp_business_account";
    private const string SystemType = "system";

    // Meta caps payloads at 3 MB; its JSON is a few levels deep.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <summary>Parses the raw UTF-8 body.</summary>
    public static WebhookParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            using var document = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; reading on throws if anything but whitespace follows.
            _ = reader.Read();

            return WebhookParseResult.Valid(ReadRoot(document.RootElement));
        }
        catch (WebhookPayloadException ex)
        {
            return WebhookParseResult.Invalid(ex.Message);
        }
        catch (JsonException)
        {
            return WebhookParseResult.Invalid("the body is not JSON");
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate, for one.
            return WebhookParseResult.Invalid("the body holds an invalid JSON string");
        }
    }

    private static WebhookBatch ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("the body is not a JSON object");
        }

        if (WebhookJsonFields.OptionalString(root, "object", "$") != ExpectedObject)
        {
            throw new WebhookPayloadException($"$.object is not \"{ExpectedObject}\"");
        }

        var batch = new Collected();
        foreach (var (entry, entryPath) in WebhookJsonFields.RequiredArray(root, "entry", "$"))
        {
            foreach (var (change, changePath) in WebhookJsonFields.RequiredArray(entry, "changes", entryPath))
            {
                ReadChange(change, changePath, batch);
            }
        }

        return new WebhookBatch(batch.Messages, batch.Statuses, batch.IdentityChanges, batch.Errors);
    }

    private static void ReadChange(JsonElement change, string path, Collected batch)
    {
        // Other subscribed fields (template status, account updates, ...) are valid webhooks with nothing for us.
        var field = WebhookJsonFields.OptionalString(change, "field", path);
        if (field is not (null or "messages"))
        {
            return;
        }

        var valuePath = $"{path}.value";
        var value = WebhookJsonFields.OptionalObject(change, "value", path)
            ?? throw new WebhookPayloadException($"{valuePath} is missing");

        var contacts = WebhookContacts.Read(value, valuePath);
        var inbound = WebhookJsonFields.OptionalArray(value, "messages", valuePath).ToList();
        if (inbound.Count > 0)
        {
            var phoneNumberId = ReadPhoneNumberId(value, valuePath);
            foreach (var (message, messagePath) in inbound)
            {
                ReadMessage(message, messagePath, phoneNumberId, contacts, batch);
            }
        }

        batch.Statuses.AddRange(WebhookJsonFields.OptionalArray(value, "statuses", valuePath)
            .Select(s => WebhookStatusReader.Read(s.Item, s.Path, contacts)));
        batch.Errors.AddRange(WebhookErrorReader.ReadAll(value, valuePath));
    }

    private static void ReadMessage(JsonElement message, string path, string phoneNumberId, WebhookContacts contacts, Collected batch)
    {
        if (WebhookJsonFields.OptionalString(message, "type", path) == SystemType)
        {
            if (WebhookSystemMessageReader.Read(message, path) is { } change)
            {
                batch.IdentityChanges.Add(change);
                return;
            }

            // Other system notices carry no user content; one without a sender has nobody to route to.
            if (!message.TryGetProperty("from", out _) && !message.TryGetProperty("from_user_id", out _))
            {
                return;
            }
        }

        batch.Messages.Add(WebhookMessageReader.Read(message, path, phoneNumberId, contacts));
    }

    private static string ReadPhoneNumberId(JsonElement value, string path) =>
        WebhookJsonFields.OptionalObject(value, "metadata", path) is { } metadata
            ? WebhookJsonFields.RequiredString(metadata, "phone_number_id", $"{path}.metadata")
            : throw new WebhookPayloadException($"{path}.metadata is missing");

    /// <summary>What the entries and changes of one webhook hold, gathered while reading.</summary>
    private sealed class Collected
    {
        public List<InboundMessage> Messages { get; } = [];

        public List<MessageStatusUpdate> Statuses { get; } = [];

        public List<IdentityChange> IdentityChanges { get; } = [];

        public List<WebhookError> Errors { get; } = [];
    }
}
