using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Meta's webhook signature: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(raw body, app secret)&gt;</c>.
/// Always computed over the raw request bytes: Meta escapes non-ASCII as <c>\uXXXX</c>, so re-serialised
/// JSON would not match.
/// </summary>
public sealed class WebhookSignature
{
    /// <summary>The prefix of the header value.</summary>
    public const string Prefix = "sha256=";

    private readonly byte[] key;

    /// <summary>Creates a signature checker for the Meta app secret.</summary>
    public WebhookSignature(string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        key = Encoding.UTF8.GetBytes(appSecret);
    }

    /// <summary>
    /// True when <paramref name="headerValue"/> is <c>sha256=</c> followed by the HMAC of <paramref name="body"/>
    /// in hex (either case). A missing or malformed header is simply invalid.
    /// </summary>
    public bool IsValid(ReadOnlySpan<byte> body, string? headerValue)
    {
        if (headerValue is null || !headerValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = headerValue.AsSpan(Prefix.Length);
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != OperationStatus.Done
            || written != claimed.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, expected);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    /// <summary>The header value Meta would send for <paramref name="body"/>: <c>sha256=</c> + lower-case hex.</summary>
    public string Sign(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
