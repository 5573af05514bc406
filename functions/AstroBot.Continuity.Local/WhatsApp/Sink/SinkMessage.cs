namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>A message the Graph API sink accepted, as parsed from the request.</summary>
/// <param name="Sequence">1, 2, 3, ... in the order the sink accepted messages; poll with <c>after</c>.</param>
/// <param name="Wamid">The id the sink answered: <c>wamid.sink-&lt;Sequence&gt;</c>.</param>
/// <param name="GraphApiVersion">The version segment of the URL, e.g. <c>v21.0</c>.</param>
/// <param name="PhoneNumberId">The sending phone number id from the URL.</param>
/// <param name="To">The address the message went to: <c>to</c> (a phone number), else <c>recipient</c> (a BSUID).</param>
/// <param name="Type"><c>text</c>, <c>document</c>, <c>template</c>, ...</param>
/// <param name="Text">The text body of a text message.</param>
/// <param name="DocumentLink">The link of a document message.</param>
/// <param name="DocumentFileName">The file name of a document message.</param>
/// <param name="Caption">The caption of a document message.</param>
/// <param name="TemplateName">The name of a template message.</param>
/// <param name="TemplateLanguage">The language code of a template message.</param>
/// <param name="RawJson">The request body as received.</param>
/// <param name="ToBsuid">True when the message was addressed by <c>recipient</c> (a BSUID) rather than <c>to</c>.</param>
public sealed record SinkMessage(
    long Sequence,
    string Wamid,
    string GraphApiVersion,
    string PhoneNumberId,
    string To,
    string Type,
    string? Text,
    string? DocumentLink,
    string? DocumentFileName,
    string? Caption,
    string? TemplateName,
    string? TemplateLanguage,
    string RawJson,
    bool ToBsuid = false);
