using System.Text.Json;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>The one JSON shape of <c>--json</c> output: snake_case names, indented, for scripts and automation.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
