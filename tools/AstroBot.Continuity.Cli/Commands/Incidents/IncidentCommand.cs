using System.CommandLine;
using AstroBot.Continuity.Availability.Incidents;

namespace AstroBot.Continuity.Cli.Commands.Incidents;

/// <summary><c>continuity incident open|resolve|status</c>: incidents on the status page (docs/operations/incidents.md).</summary>
internal static class IncidentCommand
{
    public static Command Create()
    {
        var command = new Command(
            "incident",
            "Open, resolve and check an incident: the status page shows its public message, and each user who writes while it is open " +
            "is told once when it is resolved");
        command.Subcommands.Add(IncidentOpenCommand.Create());
        command.Subcommands.Add(IncidentResolveCommand.Create());
        command.Subcommands.Add(IncidentStatusCommand.Create());
        return command;
    }

    /// <summary>The <c>--message</c> option, checked before any storage is touched.</summary>
    public static Option<string> MessageOption(string description, bool required)
    {
        var message = new Option<string>("--message")
        {
            Description = $"{description} (public: no names, numbers or anything about a user; 1 to {IncidentRequest.MaxMessageLength} characters)",
            HelpName = "TEXT",
            Required = required,
        };
        message.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && IncidentRequest.MessageProblem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError($"--message: {problem}");
            }
        });
        return message;
    }
}
