using System.Globalization;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// A person's WhatsApp identifiers as <c>data.json</c> lists them (<c>identifiers[]</c>: kind, value, since,
/// retired_at), so an export says every phone number, BSUID and username the data was kept under, and an import
/// can tell the directory who the data belongs to.
/// </summary>
public static class IdentifierRecords
{
    /// <summary>The records of <paramref name="person"/>'s identifiers, oldest first; none when the directory has no record.</summary>
    public static IReadOnlyList<JsonObject> From(PersonRecord? person) =>
        person is null
            ? []
            : [.. person.Identifiers.OrderBy(entry => entry.Since).Select(entry => new JsonObject
            {
                ["kind"] = entry.Identifier.KindName,
                ["value"] = entry.Identifier.Value,
                ["since"] = Timestamp(entry.Since),
                ["retired_at"] = entry.RetiredAt is { } retired ? Timestamp(retired) : null,
            })];

    /// <summary>The identifiers <c>data.json</c> lists (absent in archives made before identities were exported).</summary>
    public static IReadOnlyList<IdentifierEntry> Read(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entries = new List<IdentifierEntry>();
        foreach (var record in (data["identifiers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Identifier.TryParseKind((string?)record["kind"], out var kind) && (string?)record["value"] is { Length: > 0 } value
                && DateTimeOffset.TryParse((string?)record["since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                var retired = DateTimeOffset.TryParse((string?)record["retired_at"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
                entries.Add(new IdentifierEntry(new Identifier(kind, value), since, retired));
            }
        }

        return entries;
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
