using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// One CSV per collection (RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote or
/// line break, quotes doubled; UTF-8). Top-level values become columns; nested objects and arrays (a chart, the
/// consents) are written as JSON text in their cell, so nothing is lost. Timestamps stay ISO 8601 as stored.
/// </summary>
public static class CsvTables
{
    public static byte[] Write(IReadOnlyList<JsonObject> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var columns = items.SelectMany(item => item.Select(property => property.Key)).Distinct(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        AppendRow(csv, columns);
        foreach (var item in items)
        {
            AppendRow(csv, columns.Select(column => Cell(item[column])));
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Cell(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False => scalar.GetValue<bool>() ? "true" : "false",
        _ => value.ToJsonString(ReadableJson.Options),
    };

    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")
            : field;
}
