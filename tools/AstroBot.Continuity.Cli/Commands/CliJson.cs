using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// The one JSON shape of <c>--json</c> output: snake_case names and enum values ("committed", "full"), indented,
/// for scripts and automation. Times are ISO 8601 with offset, durations "hh:mm:ss.fffffff".
/// </summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Stdout for scripts, never HTML: keep '+' in offsets and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
