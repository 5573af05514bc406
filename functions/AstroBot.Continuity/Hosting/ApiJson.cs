using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Hosting;

/// <summary>
/// The JSON of the hosts' routes (maintenance, incidents, the status): snake_case names and enum values, and the one
/// shape of an error, <c>{"error": "..."}</c>; with how such routes read the string fields of a JSON object body.
/// </summary>
public static class ApiJson
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>snake_case names and enum values.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary><c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static IResult Error(int status, string message) => Results.Json(new { error = message }, Options, statusCode: status);

    /// <summary>
    /// The string field <paramref name="name"/> of <paramref name="root"/> (null when absent or JSON null): false when it is
    /// of another type, or absent while <paramref name="required"/>.
    /// </summary>
    public static bool TryGetString(JsonElement root, string name, bool required, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return !required;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }

    /// <summary>
    /// Reads a JSON object body of at most <paramref name="maxBytes"/>: its root (cloned), or the error to answer (413 over
    /// the limit, the reader's status for a body that could not be read whole); neither when the body is not a JSON
    /// object (the caller answers 400 saying what it wants). An empty body is an object without fields.
    /// </summary>
    public static async Task<(JsonElement? Root, IResult? Error)> ReadObjectAsync(HttpRequest request, int maxBytes, string tooLarge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReadOnlyMemory<byte>? read;
        try
        {
            read = await RequestBodyReader.ReadAsync(request, maxBytes, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            return (null, Error(exception.StatusCode, "The request body could not be read whole."));
        }

        if (read is not { } body)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, tooLarge));
        }

        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (EmptyObject, null); // no body: an object without fields
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? (document.RootElement.Clone(), null) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>An actor's name as a route takes it: trimmed, at most 256 characters, null when blank.</summary>
    public static string? Actor(string? by) => string.IsNullOrWhiteSpace(by) ? null : by.Trim()[..Math.Min(by.Trim().Length, 256)];
}
