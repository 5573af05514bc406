using System.Text.Json;
using Azure;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// What Resource Manager's refusals mean for a restore target, said so that someone can act on them: a missing role
/// (403), a conflicting operation (409), an operation that ended <c>Failed</c> or <c>Canceled</c>. Throttling (429,
/// retried by the pipeline with its <c>Retry-After</c>) and server errors are left as they are: a rerun resumes.
/// </summary>
public static class ArmFailures
{
    /// <summary>The custom role <c>bicep/modules/cosmos.bicep</c> defines and assigns to the app on the account.</summary>
    public static string RoleName(string accountName) => $"AstroBot restore targets ({accountName})";

    /// <summary>A <see cref="RestoreTargetException"/> for the refusals above; null for the others (rethrow them).</summary>
    /// <param name="doing">What was refused, as the start of a sentence: "Creating database 'x'".</param>
    public static RestoreTargetException? Explain(RequestFailedException exception, string doing, RestoreTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        var (code, message) = ErrorOf(exception);
        var account = $"Cosmos DB account '{options.AccountName}'";
        return exception.Status switch
        {
            403 => new RestoreTargetException(
                $"{doing} in {account} was refused by Resource Manager (403 {code}: {message}). Grant the app's identity the role " +
                $"'{RoleName(options.AccountName ?? "")}' on the account (Bicep assigns it, bicep/modules/cosmos.bicep), and check that " +
                "Backup:RestoreTarget:SubscriptionId, ResourceGroup and AccountName name that account.",
                exception),
            409 => new RestoreTargetException(
                $"{doing} in {account} conflicts with another operation in progress there (409 {code}: {message}). " +
                "Run the restore again once that operation has finished; a rerun resumes.",
                exception),
            >= 200 and < 300 => new RestoreTargetException($"{doing} in {account} failed in Azure ({code}: {message}).", exception),
            _ => null,
        };
    }

    /// <summary>
    /// The error's code and message: <c>{"error":{"code","message"}}</c> (also in a failed operation's status) or
    /// <c>{"code","message"}</c>; what the exception parsed when the body says neither.
    /// </summary>
    private static (string Code, string Message) ErrorOf(RequestFailedException exception)
    {
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
