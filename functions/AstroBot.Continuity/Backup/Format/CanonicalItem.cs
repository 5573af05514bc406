using System.Buffers;
using System.Text.Json;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// An item as a backup stores it: compact JSON with properties sorted (recursively) and the server's system
/// properties (<c>_rid</c>, <c>_self</c>, <c>_etag</c>, <c>_attachments</c>, <c>_ts</c>, <c>_lsn</c>) left out,
/// since a restore gets new ones. The same item gives the same bytes whichever account or order it came from,
/// which is what lets a restore test compare content checksums.
/// </summary>
public sealed record CanonicalItem(string? WaId, string? Id, byte[] Json)
{
    private static readonly HashSet<string> SystemProperties = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"];

    public static CanonicalItem From(JsonElement item)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteSorted(writer, item, topLevel: true);
        }

        return new CanonicalItem(StringProperty(item, "wa_id"), StringProperty(item, "id"), buffer.WrittenSpan.ToArray());
    }

    public static CanonicalItem Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        return From(document.RootElement);
    }

    private static string? StringProperty(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element, bool topLevel)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    if (topLevel && SystemProperties.Contains(property.Name))
                    {
                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value, topLevel: false);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var value in element.EnumerateArray())
                {
                    WriteSorted(writer, value, topLevel: false);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
