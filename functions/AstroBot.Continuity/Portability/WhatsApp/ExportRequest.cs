using System.Text.Json;
using System.Text.Json.Serialization;
using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// A confirmed export waiting on the export request queue for a host to start its orchestration.
/// Also the orchestration's input. Never holds a link.
/// </summary>
/// <param name="V">The message version, 1.</param>
/// <param name="WaId">The user's wa_id (the export reads their data and sends them the link).</param>
/// <param name="ExportId">The export's id: the UTC day of the request (<c>yyyyMMdd</c>).</param>
public sealed record ExportRequest(int V, string WaId, string ExportId)
{
    /// <summary>The version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The orchestration instance id: one per user and export (day), so a duplicate request never starts a second
    /// export. Built from the user's reference, never the phone number.
    /// </summary>
    [JsonIgnore]
    public string InstanceId => $"export-{UserReferences.For(WaId)}-{ExportId}";

    /// <summary>The queue message text: Base64 of the JSON (the Functions queue trigger's default encoding).</summary>
    public string ToQueueText() =>
        Base64QueueText.Encode(JsonSerializer.SerializeToUtf8Bytes(this, PortabilityJsonContext.Default.ExportRequest));

    /// <summary>Reads a request from queue message text (Base64 from the queue, or the JSON the trigger decoded).</summary>
    /// <exception cref="InvalidDataException">Not an export request of a known version.</exception>
    public static ExportRequest FromQueueText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ExportRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(Base64QueueText.Decode(text), PortabilityJsonContext.Default.ExportRequest);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The export request is not JSON of the expected shape.", ex);
        }

        return request is { V: CurrentVersion } && !string.IsNullOrWhiteSpace(request.WaId) && !string.IsNullOrWhiteSpace(request.ExportId)
            ? request
            : throw new InvalidDataException("The export request is empty or of an unknown version.");
    }
}
