using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Identity;

/// <summary>How a person's identifiers are kept in their directory row: <c>[{"k":"phone","v":"...","since":"...","retired":null}]</c>.</summary>
internal sealed record StoredIdentifier(
    [property: JsonPropertyName("k")] string Kind,
    [property: JsonPropertyName("v")] string Value,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("retired")] DateTimeOffset? RetiredAt);

[JsonSerializable(typeof(List<StoredIdentifier>))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
