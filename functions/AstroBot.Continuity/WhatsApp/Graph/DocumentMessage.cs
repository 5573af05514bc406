namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>A document Meta downloads from <see cref="Link"/> and delivers (the data export, for one).</summary>
/// <param name="To">The recipient: phone number or BSUID.</param>
/// <param name="Link">Absolute https link Meta can reach; plain http only to a loopback host (local sink, Azurite).</param>
/// <param name="FileName">The file name shown to the user.</param>
/// <param name="Caption">Optional text under the document.</param>
public sealed record DocumentMessage(MessageRecipient To, Uri Link, string FileName, string? Caption) : OutboundMessage(To)
{
    /// <summary>The document's link: https, or http to a loopback host.</summary>
    public Uri Link { get; init => field = Require(value); } = Require(Link);

    /// <summary>The file name shown to the user; never empty.</summary>
    public string FileName { get; init => field = RequireFileName(value); } = RequireFileName(FileName);

    private static Uri Require(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link, nameof(Link));
        var acceptable = link.IsAbsoluteUri
            && (link.Scheme == Uri.UriSchemeHttps || (link.Scheme == Uri.UriSchemeHttp && link.IsLoopback));
        return acceptable
            ? link
            : throw new ArgumentException("A document link must be an absolute https URL (http only to loopback).", nameof(Link));
    }

    private static string RequireFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName, nameof(FileName));
        return fileName;
    }
}
