using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Reads Meta's error objects: <c>{"code", "title", "message", "error_data": {"details"}}</c>.</summary>
internal static class WebhookErrorReader
{
    public static IReadOnlyList<WebhookError> ReadAll(JsonElement parent, string path) =>
        [.. WebhookJsonFields.OptionalArray(parent, "errors", path).Select(e => Read(e.Item, e.Path))];

    private static WebhookError Read(JsonElement error, string path)
    {
        var code = WebhookJsonFields.RequiredInt32(error, "code", path);
        var title = WebhookJsonFields.OptionalString(error, "title", path) ?? "";
        var data = WebhookJsonFields.OptionalObject(error, "error_data", path);
        var details = (data is { } d ? WebhookJsonFields.OptionalString(d, "details", $"{path}.error_data") : null)
            ?? WebhookJsonFields.OptionalString(error, "message", path);
        return new WebhookError(code, title, details);
    }
}
