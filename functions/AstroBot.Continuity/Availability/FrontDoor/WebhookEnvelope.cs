using System.Text.Json;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>
/// What the inbox queue holds for one webhook: <c>{"v":1,"receivedAt":"...","body":"&lt;base64&gt;"}</c>, or
/// <c>"blob":"&lt;name&gt;"</c> instead of <c>body</c> when the raw body sits in the claim-check container.
/// The body is the exact bytes Meta sent, so the signature can be checked again and nothing is lost in parsing.
/// </summary>
/// <param name="V">The envelope version; readers reject versions they do not know.</param>
/// <param name="ReceivedAt">When the front door accepted the webhook.</param>
/// <param name="Body">The raw body (Base64 in JSON), when it fits in the queue message.</param>
/// <param name="Blob">The claim-check blob name, when it does not.</param>
public sealed record WebhookEnvelope(
    int V,
    DateTimeOffset ReceivedAt,
    byte[]? Body,
    string? Blob)
{
    /// <summary>The version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>An envelope carrying the raw body itself.</summary>
    public static WebhookEnvelope Inline(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        new(CurrentVersion, receivedAt, body.ToArray(), null);

    /// <summary>An envelope pointing at the claim-check blob that holds the raw body.</summary>
    public static WebhookEnvelope ClaimCheck(string blobName, DateTimeOffset receivedAt) =>
        new(CurrentVersion, receivedAt, null, blobName);

    /// <summary>The queue message text: Base64 of the envelope JSON (see <see cref="Base64QueueText"/>).</summary>
    public string ToQueueText() =>
        Base64QueueText.Encode(JsonSerializer.SerializeToUtf8Bytes(this, AvailabilityJsonContext.Default.WebhookEnvelope));

    /// <summary>Reads an envelope from queue message text.</summary>
    /// <exception cref="InvalidDataException">Not an envelope of a known version with exactly one of body or blob.</exception>
    public static WebhookEnvelope FromQueueText(string text)
    {
        WebhookEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(Base64QueueText.Decode(text), AvailabilityJsonContext.Default.WebhookEnvelope);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The inbox message is not a webhook envelope.", ex);
        }

        return envelope switch
        {
            null => throw new InvalidDataException("The inbox message is empty."),
            { V: not CurrentVersion } => throw new InvalidDataException($"Webhook envelope version {envelope.V} is not supported."),
            { Body: null, Blob: null } or { Body: not null, Blob: not null } =>
                throw new InvalidDataException("A webhook envelope carries exactly one of body and blob."),
            _ => envelope,
        };
    }
}
