using System.CommandLine;
using AstroBot.Continuity.Availability.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Incidents;

/// <summary>
/// <c>continuity incident open --message TEXT [--by NAME]</c>: opens an incident, or changes the open one's message. Exit 0
/// opened or changed, 2 refused (an empty or too long message: nothing stored), 3 storage unreachable.
/// </summary>
internal static class IncidentOpenCommand
{
    public static Command Create()
    {
        var message = IncidentCommand.MessageOption("What the status page says", required: true);
        var by = ActorOption.Create("Who opens it, shown by incident status and never on the status page");
        var command = new Command(
            "open",
            "Open an incident (or change the open one's message): the status page shows the message from now on, and each user who writes " +
            "while it is open is told once when it is resolved")
        {
            message, by,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var control = services.GetRequiredService<IncidentControl>();
            var result = await control.OpenAsync(parseResult.GetRequiredValue(message), ActorOption.Actor(parseResult.GetValue(by)), cancellationToken).ConfigureAwait(false);
            if (result.Incident is not { } incident)
            {
                return console.Fail(ExitCodes.BadConfiguration, $"Not opened: {result.Problem} Nothing was stored.");
            }

            if (console.Json)
            {
                console.WriteJson(await control.StatusAsync(cancellationToken).ConfigureAwait(false));
            }
            else
            {
                console.Ansi.MarkupLineInterpolated(
                    $"Incident {incident.Id} {(result.Created ? "opened" : "updated: its message changed")}. The status page shows it; users who write while it is open are told once when it is resolved.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
