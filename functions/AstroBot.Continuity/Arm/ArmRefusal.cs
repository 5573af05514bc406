using System.Text.Json;
using Azure;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// What Resource Manager's refusals mean, said so that someone can act on them: a missing role (403), a conflicting
/// operation (409), an operation that ended <c>Failed</c> or <c>Canceled</c> (thrown from a 200 poll). Throttling (429,
/// retried with its <c>Retry-After</c>) and server errors get no sentence: they are left as they are, a rerun resumes.
/// </summary>
public static class ArmRefusal
{
    /// <summary>The sentence for the refusals above, null for the others (rethrow them).</summary>
    /// <param name="subject">What was refused and where, as the start of a sentence: "Creating database 'x' in Cosmos DB account 'y'".</param>
    /// <param name="forbiddenAdvice">What to grant, and which settings to check, after a 403.</param>
    /// <param name="conflictAdvice">What to do after a 409.</param>
    public static string? Describe(RequestFailedException exception, string subject, string forbiddenAdvice, string conflictAdvice)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, message) = ErrorOf(exception);
        return exception.Status switch
        {
            403 => $"{subject} was refused by Resource Manager (403 {code}: {message}). {forbiddenAdvice}",
            409 => $"{subject} conflicts with another operation in progress there (409 {code}: {message}). {conflictAdvice}",
            >= 200 and < 300 => $"{subject} failed in Azure ({code}: {message}).",
            _ => null,
        };
    }

    /// <summary>
    /// The error's code and message: <c>{"error":{"code","message"}}</c> (also in a failed operation's status) or
    /// <c>{"code","message"}</c>; what the exception parsed when the body says neither.
    /// </summary>
    public static (string Code, string Message) ErrorOf(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var content = exception.GetRawResponse()?.Content;
        if (content is not null && content.ToMemory().Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(content.ToMemory());
                var root = document.RootElement;
                // Resource Manager wraps its errors in "error"; Cosmos DB's provider often answers with them at the root.
                var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object
                    ? wrapped
                    : root;
                if (error.ValueKind == JsonValueKind.Object && Text(error, "code") is { } code)
                {
                    return (code, Text(error, "message") ?? "no message");
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall back to what the exception parsed.
            }
        }

        return (exception.ErrorCode ?? "unknown", FirstLine(exception.Message));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
