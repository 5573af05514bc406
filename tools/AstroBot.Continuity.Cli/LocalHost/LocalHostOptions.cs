using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>The local host's own settings (section <c>LocalHost</c>).</summary>
internal sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>Where Kestrel listens. Default: <c>http://127.0.0.1:7071</c>, the Functions host's port, so routes match.</summary>
    [Required(ErrorMessage = "LocalHost:Urls is required.")]
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// Where the local Graph API sink listens, recording the replies WhatsApp would deliver. Default:
    /// <c>http://127.0.0.1:7072</c>; empty to run without a sink (WhatsApp:GraphApiBaseUrl then points elsewhere).
    /// </summary>
    public string? GraphSinkUrl { get; set; } = "http://127.0.0.1:7072";
}
