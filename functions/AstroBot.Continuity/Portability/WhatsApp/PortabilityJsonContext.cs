using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>Source-generated JSON for the export request queue.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ExportRequest))]
internal sealed partial class PortabilityJsonContext : JsonSerializerContext;
