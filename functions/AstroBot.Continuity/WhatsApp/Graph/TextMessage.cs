namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>A free-form text message; allowed only inside the 24 h customer service window.</summary>
/// <param name="To">The recipient: phone number or BSUID.</param>
/// <param name="Body">1 to 4,096 characters.</param>
/// <param name="PreviewUrl">Whether WhatsApp renders a preview of the first link.</param>
public sealed record TextMessage(MessageRecipient To, string Body, bool PreviewUrl = false) : OutboundMessage(To)
{
    /// <summary>Meta's limit on a text body.</summary>
    public const int MaxBodyLength = 4096;

    /// <summary>The text, 1 to <see cref="MaxBodyLength"/> characters.</summary>
    public string Body { get; init => field = Require(value); } = Require(Body);

    private static string Require(string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(body, nameof(Body));
        return body.Length <= MaxBodyLength
            ? body
            : throw new ArgumentException($"A text message body holds at most {MaxBodyLength} characters.", nameof(Body));
    }
}
