using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Graph's error answer: <c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>.</summary>
internal sealed record GraphApiErrorBody(int? Code, int? Subcode, string? FbTraceId)
{
    public static readonly GraphApiErrorBody Empty = new(null, null, null);

    /// <summary>Reads what it can; a body that is not Graph's error JSON (a proxy's HTML page) is <see cref="Empty"/>.</summary>
    public static GraphApiErrorBody Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            return new GraphApiErrorBody(Int32(error, "code"), Int32(error, "error_subcode"), String(error, "fbtrace_id"));
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static int? Int32(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    private static string? String(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
