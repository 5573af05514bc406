using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>A birth profile in <c>profiles</c>: the user's own ("self") or someone they ask about; <c>id</c> equals <c>profile_id</c>.</summary>
public sealed record ProfileDocument() : BotDocument(DocumentTypes.Profile)
{
    /// <summary>The birth time when it is not known.</summary>
    public const string UnknownBirthTime = "unknown";

    [JsonProperty("profile_id")]
    public required string ProfileId { get; init; }

    /// <summary>Who the profile describes for the user: "self", "partner", "friend", ...</summary>
    [JsonProperty("label")]
    public required string Label { get; init; }

    [JsonProperty("name")]
    public required string Name { get; init; }

    /// <summary>Local birth date, "yyyy-MM-dd".</summary>
    [JsonProperty("birth_date")]
    public required string BirthDate { get; init; }

    /// <summary>Local birth time "HH:mm", or <see cref="UnknownBirthTime"/> (then the chart has no houses).</summary>
    [JsonProperty("birth_time")]
    public required string BirthTime { get; init; }

    [JsonProperty("place_name")]
    public required string PlaceName { get; init; }

    [JsonProperty("latitude")]
    public required double Latitude { get; init; }

    [JsonProperty("longitude")]
    public required double Longitude { get; init; }

    /// <summary>IANA time zone of the birth place, e.g. "America/Mexico_City".</summary>
    [JsonProperty("time_zone")]
    public required string TimeZone { get; init; }
}
