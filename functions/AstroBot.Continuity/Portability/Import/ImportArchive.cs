using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>An archive that passed every check: its <c>data.json</c> and whose data it is.</summary>
public sealed record ImportArchive(string WaId, JsonObject Data);
