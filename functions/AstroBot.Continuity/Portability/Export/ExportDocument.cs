using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// <c>data.json</c>: everything about the user in one document, valid against
/// <c>docs/schema/export-v1.schema.json</c>. Collections keep the bot's own field names and ids, so readings still
/// point at their profiles and messages at their conversations.
/// </summary>
public static class ExportDocument
{
    public const int SchemaVersion = 1;
    public const string SchemaId = "https://astrobot.example/schema/export-v1.schema.json";

    /// <summary>The collections of <c>data.json</c>, one per container, in the order people read them.</summary>
    public static IReadOnlyList<(string Property, string Container, bool Single)> Collections { get; } =
    [
        ("account", BotDataModel.Accounts.Name, true),
        ("profiles", BotDataModel.Profiles.Name, false),
        ("preferences", BotDataModel.Preferences.Name, true),
        ("subscriptions", BotDataModel.Subscriptions.Name, false),
        ("readings", BotDataModel.Readings.Name, false),
        ("messages", BotDataModel.Messages.Name, false),
    ];

    private static readonly JsonSerializerOptions Indented = new(ReadableJson.Options) { WriteIndented = true };

    public static JsonObject Build(UserData data, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var document = new JsonObject
        {
            ["$schema"] = SchemaId,
            ["schema_version"] = SchemaVersion,
            ["generated_at"] = generatedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["wa_id"] = data.WaId,
            ["identifiers"] = new JsonArray([.. data.Identifiers.Select(record => record.DeepClone())]),
        };
        foreach (var (property, container, single) in Collections)
        {
            var items = data.ItemsOf(container);
            document[property] = single
                ? items.FirstOrDefault()?.DeepClone()
                : new JsonArray([.. items.Select(item => item.DeepClone())]);
        }

        document["audit"] = new JsonArray([.. data.Audit.Select(record => record.DeepClone())]);
        return document;
    }

    public static byte[] Serialize(JsonObject document) => JsonSerializer.SerializeToUtf8Bytes(document, Indented);
}
