using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>A reading the bot produced, in <c>readings</c>, with the chart it was computed from.</summary>
public sealed record ReadingDocument() : BotDocument(DocumentTypes.Reading)
{
    [JsonProperty("kind")]
    public required ReadingKind Kind { get; init; }

    [JsonProperty("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonProperty("text")]
    public required string Text { get; init; }

    [JsonProperty("chart")]
    public required Chart Chart { get; init; }

    /// <summary>The profile the reading is about, in the same partition (<c>profiles</c>, same <c>wa_id</c>).</summary>
    [JsonProperty("profile_id")]
    public required string ProfileId { get; init; }

    /// <summary>Compatibility only: the other profile's <c>wa_id</c>, the reader's own or another user's.</summary>
    [JsonProperty("partner_wa_id")]
    public string? PartnerWaId { get; init; }

    /// <summary>Compatibility only: the other profile's <c>profile_id</c> within <see cref="PartnerWaId"/>.</summary>
    [JsonProperty("partner_profile_id")]
    public string? PartnerProfileId { get; init; }
}

/// <summary>Planet positions and house cusps; <c>houses</c> is empty when the birth time is unknown.</summary>
public sealed record Chart(
    [property: JsonProperty("planets")] IReadOnlyList<PlanetPosition> Planets,
    [property: JsonProperty("houses")] IReadOnlyList<HouseCusp> Houses);

/// <summary>A body in a sign at 0 &lt;= degree &lt; 30; <c>house</c> 1-12, null without a birth time.</summary>
public sealed record PlanetPosition(
    [property: JsonProperty("body")] CelestialBody Body,
    [property: JsonProperty("sign")] ZodiacSign Sign,
    [property: JsonProperty("degree")] double Degree,
    [property: JsonProperty("house")] int? House);

/// <summary>The cusp of house 1-12: the sign and degree where it begins.</summary>
public sealed record HouseCusp(
    [property: JsonProperty("house")] int House,
    [property: JsonProperty("sign")] ZodiacSign Sign,
    [property: JsonProperty("degree")] double Degree);
