using System.Reflection;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Data;

/// <summary>
/// Cosmos DB region names from configuration: Bicep knows Azure location names (<c>westeurope</c>), the SDK wants its
/// own (<c>West Europe</c>, the constants of <see cref="Regions"/>); both are accepted, matched without case or spaces.
/// </summary>
internal static class CosmosRegions
{
    private static readonly Dictionary<string, string> ByLocationName = typeof(Regions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .DistinctBy(Normalize)
        .ToDictionary(Normalize, StringComparer.Ordinal);

    /// <summary>The SDK's names of the comma-separated <paramref name="regions"/>, in order; unknown names are left out.</summary>
    public static IReadOnlyList<string> Parse(string? regions) =>
        [.. Split(regions).Select(region => ByLocationName.GetValueOrDefault(Normalize(region))).OfType<string>()];

    /// <summary>The names among <paramref name="regions"/> that are no Cosmos DB region.</summary>
    public static IReadOnlyList<string> Unknown(string? regions) =>
        [.. Split(regions).Where(region => !ByLocationName.ContainsKey(Normalize(region)))];

    private static IEnumerable<string> Split(string? regions) =>
        (regions ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Normalize(string region) => region.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
