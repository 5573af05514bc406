using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>An archive that passed every check: its <c>data.json</c>, whose data it is and when it was made.</summary>
public sealed record ImportArchive(string WaId, DateTimeOffset GeneratedAt, JsonObject Data);
