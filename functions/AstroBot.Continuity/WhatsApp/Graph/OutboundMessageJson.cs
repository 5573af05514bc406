using System.Buffers;
using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Writes the body of <c>POST /{version}/{phone-number-id}/messages</c>:
/// <c>{"messaging_product":"whatsapp","recipient_type":"individual","to","type", &lt;type&gt;: {...}}</c>, with
/// <c>"recipient"</c> (a BSUID) in place of <c>"to"</c> for a user whose phone number is not known. Never both:
/// Meta takes <c>to</c> when both are present.
/// </summary>
internal static class OutboundMessageJson
{
    public static byte[] Serialize(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("messaging_product", "whatsapp");
            writer.WriteString("recipient_type", "individual");
            writer.WriteString(message.To.Phone is not null ? "to" : "recipient", message.To.Value);
            switch (message)
            {
                case TextMessage text:
                    WriteText(writer, text);
                    break;
                case DocumentMessage document:
                    WriteDocument(writer, document);
                    break;
                case TemplateMessage template:
                    WriteTemplate(writer, template);
                    break;
                default:
                    throw new ArgumentException($"Unsupported message kind {message.GetType().Name}.", nameof(message));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The Graph <c>type</c> of a message, for logs.</summary>
    public static string TypeOf(OutboundMessage message) => message switch
    {
        TextMessage => "text",
        DocumentMessage => "document",
        TemplateMessage => "template",
        _ => message.GetType().Name,
    };

    private static void WriteText(Utf8JsonWriter writer, TextMessage text)
    {
        writer.WriteString("type", "text");
        writer.WriteStartObject("text");
        writer.WriteString("body", text.Body);
        writer.WriteBoolean("preview_url", text.PreviewUrl);
        writer.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter writer, DocumentMessage document)
    {
        writer.WriteString("type", "document");
        writer.WriteStartObject("document");
        writer.WriteString("link", document.Link.AbsoluteUri);
        writer.WriteString("filename", document.FileName);
        if (document.Caption is { Length: > 0 } caption)
        {
            writer.WriteString("caption", caption);
        }

        writer.WriteEndObject();
    }

    private static void WriteTemplate(Utf8JsonWriter writer, TemplateMessage template)
    {
        writer.WriteString("type", "template");
        writer.WriteStartObject("template");
        writer.WriteString("name", template.Name);
        writer.WriteStartObject("language");
        writer.WriteString("code", template.LanguageCode);
        writer.WriteEndObject();
        if (template.BodyParameters is { Count: > 0 } parameters)
        {
            writer.WriteStartArray("components");
            writer.WriteStartObject();
            writer.WriteString("type", "body");
            writer.WriteStartArray("parameters");
            foreach (var parameter in parameters)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("text", parameter);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
