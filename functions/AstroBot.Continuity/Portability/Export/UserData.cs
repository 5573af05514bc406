using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// Everything stored about one user: the items of each container (system properties removed), the audit trail of
/// their exports and the WhatsApp identifiers the identity directory knows them by. What an export contains and what
/// an import writes.
/// </summary>
public sealed record UserData(
    string WaId, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Containers, IReadOnlyList<JsonObject> Audit, IReadOnlyList<JsonObject> Identifiers)
{
    public IReadOnlyList<JsonObject> ItemsOf(string container) =>
        Containers.TryGetValue(container, out var items) ? items : [];

    public int ItemCount => Containers.Values.Sum(items => items.Count);
}
