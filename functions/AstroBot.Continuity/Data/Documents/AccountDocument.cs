using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>One per user in <c>accounts</c>; <c>id</c> equals <c>wa_id</c>.</summary>
public sealed record AccountDocument() : BotDocument(DocumentTypes.Account)
{
    /// <summary>The WhatsApp profile name the user chose.</summary>
    [JsonProperty("display_name")]
    public required string DisplayName { get; init; }

    /// <summary>BCP 47 locale, e.g. "en-US".</summary>
    [JsonProperty("locale")]
    public required string Locale { get; init; }

    [JsonProperty("consents")]
    public required IReadOnlyList<Consent> Consents { get; init; }

    [JsonProperty("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonProperty("updated_at")]
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The latest decision of the user for one purpose; <c>at</c> is when it was given or withdrawn.</summary>
public sealed record Consent(
    [property: JsonProperty("purpose")] ConsentPurpose Purpose,
    [property: JsonProperty("granted")] bool Granted,
    [property: JsonProperty("at")] DateTimeOffset At);
