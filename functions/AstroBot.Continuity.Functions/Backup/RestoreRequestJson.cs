using System.Text.Json;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>The JSON shape of a posted restore request: snake_case, like every other JSON the backend speaks.</summary>
internal static class RestoreRequestJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
