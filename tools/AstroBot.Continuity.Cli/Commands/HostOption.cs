using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>The <c>--host URL</c> option of the verbs that talk to a running host (<c>chat</c>, <c>drill run</c>).</summary>
internal static class HostOption
{
    public static Option<Uri> Create(string description) => new("--host")
    {
        Description = description,
        CustomParser = result =>
        {
            if (Uri.TryCreate(result.Tokens[^1].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError("--host takes an absolute http(s) URL, such as http://127.0.0.1:7071");
            return null!;
        },
    };
}
