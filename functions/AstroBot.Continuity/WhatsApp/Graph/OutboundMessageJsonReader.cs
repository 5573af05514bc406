using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Reads back what <see cref="OutboundMessageJson"/> writes: the body of a send request, as the reply outbox stores a
/// reply that waits (WhatsApp/Outbox). Errors name the field, never its value: the body is personal data.
/// </summary>
internal static class OutboundMessageJsonReader
{
    /// <exception cref="InvalidDataException">Not a text, document or template message as the writer writes it.</exception>
    public static OutboundMessage Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = Object(document.RootElement, "The message");
            var to = Recipient(root);
            return String(root, "type") switch
            {
                "text" => Text(to, Object(Property(root, "text"), "The text")),
                "document" => Document(to, Object(Property(root, "document"), "The document")),
                "template" => Template(to, Object(Property(root, "template"), "The template")),
                _ => throw new InvalidDataException("The message's type is not text, document or template."),
            };
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("The message is not JSON.", exception);
        }
        catch (ArgumentException exception)
        {
            // A value the message records refuse (an empty body, a link that is not https): named by its parameter only.
            throw new InvalidDataException($"The message's {exception.ParamName ?? "content"} is not valid.", exception);
        }
    }

    private static MessageRecipient Recipient(JsonElement root) =>
        root.TryGetProperty("to", out var phone) ? MessageRecipient.ToPhone(StringValue(phone, "to"))
        : root.TryGetProperty("recipient", out var bsuid) ? MessageRecipient.ToBsuid(StringValue(bsuid, "recipient"))
        : throw new InvalidDataException("The message has neither to nor recipient.");

    private static TextMessage Text(MessageRecipient to, JsonElement text) =>
        new(to, String(text, "body"), text.TryGetProperty("preview_url", out var preview) && preview.ValueKind == JsonValueKind.True);

    private static DocumentMessage Document(MessageRecipient to, JsonElement document)
    {
        var link = String(document, "link");
        return Uri.TryCreate(link, UriKind.Absolute, out var uri)
            ? new DocumentMessage(to, uri, String(document, "filename"), document.TryGetProperty("caption", out var caption) ? StringValue(caption, "caption") : null)
            : throw new InvalidDataException("The document's link is not an absolute URL.");
    }

    private static TemplateMessage Template(MessageRecipient to, JsonElement template)
    {
        var language = String(Object(Property(template, "language"), "The language"), "code");
        var parameters = new List<string>();
        if (template.TryGetProperty("components", out var components))
        {
            foreach (var component in Array(components, "components"))
            {
                foreach (var parameter in Array(Property(Object(component, "A component"), "parameters"), "parameters"))
                {
                    parameters.Add(String(Object(parameter, "A parameter"), "text"));
                }
            }
        }

        return new TemplateMessage(to, String(template, "name"), language, parameters.Count > 0 ? parameters : null);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"The message has no {name}.");

    private static string String(JsonElement element, string name) => StringValue(Property(element, name), name);

    private static string StringValue(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"The message's {name} is not a string.");

    private static JsonElement Object(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object ? value : throw new InvalidDataException($"{name} is not a JSON object.");

    private static JsonElement.ArrayEnumerator Array(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new InvalidDataException($"The message's {name} is not an array.");
}
