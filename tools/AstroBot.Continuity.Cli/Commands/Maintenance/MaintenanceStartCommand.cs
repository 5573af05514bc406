using System.CommandLine;
using AstroBot.Continuity.Availability.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Maintenance;

/// <summary>
/// <c>continuity maintenance start --until TIME --message TEXT [--by NAME]</c>: starts a window, or changes the end and
/// message of the active one. Exit 0 started, 2 refused (an end that is past, too far ahead or unreadable, an empty or
/// too long message: nothing stored), 3 storage unreachable.
/// </summary>
internal static class MaintenanceStartCommand
{
    public static Command Create()
    {
        var until = new Option<string>("--until")
        {
            Description = $"When the window ends by itself: {MaintenanceRequest.UntilForms}; at most Maintenance:MaxWindow (7 days) ahead",
            HelpName = "TIME",
            Required = true,
        };
        until.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !MaintenanceRequest.IsUntil(value))
            {
                result.AddError($"--until takes {MaintenanceRequest.UntilForms}, not '{value}'.");
            }
        });
        var message = new Option<string>("--message")
        {
            Description = $"The notice each user who writes during the window gets once, as one WhatsApp text (1 to {MaintenanceRequest.MaxMessageLength} characters)",
            HelpName = "TEXT",
            Required = true,
        };
        message.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && MaintenanceRequest.MessageProblem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError($"--message: {problem}");
            }
        });
        var by = ActorOption.Create("Who starts it, shown by maintenance status");
        var command = new Command(
            "start",
            "Start a maintenance window (or change the end and message of the active one): every region holds users' messages from within a few " +
            "seconds until the end or maintenance stop, and each user who writes gets the notice once")
        {
            until, message, by,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var result = await services.GetRequiredService<MaintenanceControl>().StartAsync(
                parseResult.GetRequiredValue(until), parseResult.GetRequiredValue(message), ActorOption.Actor(parseResult.GetValue(by)), cancellationToken)
                .ConfigureAwait(false);
            if (result.Window is not { } window)
            {
                return console.Fail(ExitCodes.BadConfiguration, $"Not started: {result.Problem} Nothing was stored.");
            }

            if (console.Json)
            {
                console.WriteJson(await services.GetRequiredService<MaintenanceControl>().StatusAsync(cancellationToken).ConfigureAwait(false));
            }
            else
            {
                console.Ansi.MarkupLineInterpolated(
                    $"Maintenance window {window.Id} {(result.Created ? "started" : "changed")}: users' messages are held until {Display.Time(window.Until)} ({Display.Duration(window.Until - window.StartedAt)} from its start), or until maintenance stop.");
                console.Ansi.MarkupLine("Webhooks are still acknowledged; each user who writes gets the notice once. Every region follows within a few seconds (Maintenance:CacheDuration).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
