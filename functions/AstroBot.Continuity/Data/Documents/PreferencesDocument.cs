using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>One per user in <c>preferences</c>; <c>id</c> equals <c>wa_id</c>.</summary>
public sealed record PreferencesDocument() : BotDocument(DocumentTypes.Preferences)
{
    /// <summary>Local time of the daily reading, "HH:mm".</summary>
    [JsonProperty("delivery_time")]
    public required string DeliveryTime { get; init; }

    [JsonProperty("zodiac_system")]
    public required ZodiacSystem ZodiacSystem { get; init; }

    [JsonProperty("house_system")]
    public required HouseSystem HouseSystem { get; init; }

    /// <summary>ISO 639-1 language of the readings, e.g. "es".</summary>
    [JsonProperty("language")]
    public required string Language { get; init; }
}
