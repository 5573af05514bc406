namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>An approved message template; the only kind allowed outside the 24 h customer service window.</summary>
/// <param name="To">The recipient: phone number or BSUID.</param>
/// <param name="Name">The template's name.</param>
/// <param name="LanguageCode">The template's language code, e.g. <c>en</c>.</param>
/// <param name="BodyParameters">Values of the body's <c>{{1}}</c>, <c>{{2}}</c>, ... placeholders, in order.</param>
public sealed record TemplateMessage(MessageRecipient To, string Name, string LanguageCode, IReadOnlyList<string>? BodyParameters = null)
    : OutboundMessage(To)
{
    /// <summary>The template's name; never empty.</summary>
    public string Name { get; init => field = Require(value, nameof(Name)); } = Require(Name, nameof(Name));

    /// <summary>The template's language code; never empty.</summary>
    public string LanguageCode { get; init => field = Require(value, nameof(LanguageCode)); } =
        Require(LanguageCode, nameof(LanguageCode));

    private static string Require(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
