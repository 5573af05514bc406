using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>The <c>--by NAME</c> option of the verbs that change shared state (maintenance windows, incidents).</summary>
internal static class ActorOption
{
    /// <summary>The option, described as <paramref name="description"/>.</summary>
    public static Option<string> Create(string description) => new("--by")
    {
        Description = description + " (default: your user name)",
        HelpName = "NAME",
    };

    /// <summary>Who runs the command, when <c>--by</c> does not say: the operating system's user name.</summary>
    public static string Actor(string? by) => string.IsNullOrWhiteSpace(by) ? Environment.UserName : by.Trim();
}
