using System.Text;

namespace AstroBot.Continuity.Availability;

/// <summary>
/// The text of the front door's queue messages: Base64 of UTF-8 JSON, the Azure Functions queue trigger's
/// default encoding (<c>messageEncoding: base64</c>), so the trigger hands its functions the JSON itself.
/// </summary>
internal static class Base64QueueText
{
    /// <summary>The queue message text for <paramref name="utf8Json"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> utf8Json) => Convert.ToBase64String(utf8Json);

    /// <summary>
    /// The UTF-8 JSON a queue message carries. Accepts both the Base64 text read straight from the queue
    /// (local pump) and the JSON the Functions trigger already decoded.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is neither a JSON object nor Base64.</exception>
    public static byte[] Decode(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(trimmed.ToString());
        }

        try
        {
            return Convert.FromBase64String(trimmed.ToString());
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException("The queue message is neither JSON nor Base64 JSON.", ex);
        }
    }
}
