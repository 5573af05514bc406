using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>One WhatsApp message of a conversation, in <c>messages</c>; <c>id</c> is <see cref="IdFor"/>(<c>wamid</c>).</summary>
public sealed record MessageDocument() : BotDocument(DocumentTypes.Message)
{
    /// <summary>WhatsApp's message id ("wamid.…").</summary>
    [JsonProperty("wamid")]
    public required string Wamid { get; init; }

    [JsonProperty("direction")]
    public required MessageDirection Direction { get; init; }

    [JsonProperty("status")]
    public required MessageStatus Status { get; init; }

    [JsonProperty("at")]
    public required DateTimeOffset At { get; init; }

    [JsonProperty("text")]
    public required string Text { get; init; }

    /// <summary>Groups the messages of one exchange; shared by the messages of that conversation.</summary>
    [JsonProperty("conversation_id")]
    public required string ConversationId { get; init; }

    /// <summary>
    /// The document id of a wamid. A wamid is base64 and may hold '/', which Cosmos DB forbids in ids, so the id
    /// is a hash of it: the same wamid always maps to the same document, which keeps writes idempotent.
    /// </summary>
    public static string IdFor(string wamid)
    {
        ArgumentException.ThrowIfNullOrEmpty(wamid);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(wamid));
        return "msg-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
