using System.Text.Json.Serialization;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;

namespace AstroBot.Continuity.Availability;

/// <summary>Source-generated JSON for the front door's queue messages: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(BotQueueMessage))]
internal sealed partial class AvailabilityJsonContext : JsonSerializerContext;
