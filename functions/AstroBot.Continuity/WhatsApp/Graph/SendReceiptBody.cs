using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Graph's success answer: <c>{"messages":[{"id":"wamid..."}]}</c>.</summary>
internal static class SendReceiptBody
{
    /// <summary>The wamid, or null when the answer does not carry one.</summary>
    public static string? ReadWamid(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0
                && messages[0].ValueKind == JsonValueKind.Object
                && messages[0].TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
