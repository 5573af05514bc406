using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Hosting;

/// <summary>
/// The JSON of the operator routes (maintenance, import, the SLA report): snake_case names and enum values, as the
/// CLI's <c>--json</c> prints them, and one shape of error, <c>{"error": "..."}</c>.
/// </summary>
public static class RouteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary><c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static IResult Error(int status, string message) => Results.Json(new { error = message }, Options, statusCode: status);
}
