using System.CommandLine;
using AstroBot.Continuity.Availability.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Incidents;

/// <summary>
/// <c>continuity incident resolve [--message TEXT] [--by NAME]</c>: resolves the open incident, whoever opened it. Exit 0
/// resolved, or none was open (said so), 2 a refused message, 3 storage unreachable.
/// </summary>
internal static class IncidentResolveCommand
{
    public static Command Create()
    {
        var message = IncidentCommand.MessageOption("Public words the status page adds to the resolved incident, such as what was wrong", required: false);
        var by = ActorOption.Create("Who resolves it, shown by incident status");
        var command = new Command(
            "resolve",
            "Resolve the open incident: the status page says so for a day, and each user who wrote during it is told once (every minute, a batch)")
        {
            message, by,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var control = services.GetRequiredService<IncidentControl>();
            var result = await control.ResolveAsync(parseResult.GetValue(message), ActorOption.Actor(parseResult.GetValue(by)), cancellationToken).ConfigureAwait(false);
            if (result.Problem is { } problem)
            {
                return console.Fail(ExitCodes.BadConfiguration, $"Not resolved: {problem} Nothing was stored.");
            }

            if (console.Json)
            {
                console.WriteJson(await control.StatusAsync(cancellationToken).ConfigureAwait(false));
            }
            else if (result.Incident is not { } resolved)
            {
                console.Ansi.MarkupLine("No incident is open: nothing to resolve.");
            }
            else
            {
                console.Ansi.MarkupLineInterpolated($"Incident {resolved.Id} resolved at {Display.Time(resolved.ResolvedAt)}, {Display.Duration(resolved.ResolvedAt - resolved.OpenedAt)} after it was opened.");
                console.Ansi.MarkupLine("Each user who wrote during it is told once by the IncidentNotices job (every minute); incident status counts them.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
