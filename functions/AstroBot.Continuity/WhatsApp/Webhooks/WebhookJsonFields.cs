using System.Globalization;
using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Reads the fields of Meta's webhook JSON, failing with the JSON path of what is wrong.
/// Messages name the path only, never a value: payloads carry personal data.
/// </summary>
internal static class WebhookJsonFields
{
    // DateTimeOffset.MaxValue in Unix seconds.
    private const long MaxUnixSeconds = 253_402_300_799;

    public static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path)
        ?? throw new WebhookPayloadException($"{path}.{name} is missing");

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new WebhookPayloadException($"{path}.{name} is not a string");
        }

        var text = value.GetString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Meta sends timestamps as a string of Unix seconds, e.g. <c>"1700000000"</c>.</summary>
    public static DateTimeOffset RequiredUnixSeconds(JsonElement parent, string name, string path)
    {
        var text = RequiredString(parent, name, path);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > MaxUnixSeconds)
        {
            throw new WebhookPayloadException($"{path}.{name} is not a string of Unix seconds");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public static int RequiredInt32(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt32(out var number))
        {
            throw new WebhookPayloadException($"{path}.{name} is missing or not an integer");
        }

        return number;
    }

    /// <summary>The object at <paramref name="name"/>, or null when absent.</summary>
    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new WebhookPayloadException($"{path}.{name} is not an object");
    }

    /// <summary>The objects of the array at <paramref name="name"/>; an absent array is empty.</summary>
    public static IEnumerable<(JsonElement Item, string Path)> OptionalArray(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return Objects(value, $"{path}.{name}");
    }

    public static IEnumerable<(JsonElement Item, string Path)> RequiredArray(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new WebhookPayloadException($"{path}.{name} array is missing");
        }

        return Objects(value, $"{path}.{name}");
    }

    private static IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookPayloadException($"{path} is not an array");
        }

        var items = new List<(JsonElement, string)>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException($"{itemPath} is not an object");
            }

            items.Add((item, itemPath));
        }

        return items;
    }
}
