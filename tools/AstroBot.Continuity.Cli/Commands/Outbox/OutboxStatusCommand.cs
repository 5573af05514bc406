using System.CommandLine;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Outbox;

/// <summary>
/// <c>continuity outbox status [--json]</c>: how many replies wait, for how many users, since when, and how many were
/// parked. Exit 0 when nothing is parked (waiting replies go out by themselves), 1 when a parked reply needs an operator.
/// </summary>
internal static class OutboxStatusCommand
{
    public static Command Create()
    {
        var command = new Command(
            "status",
            "Show how many replies wait in the outbox, for how many users, how long the oldest has waited, and how many were parked; exit 1 when any was parked");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var status = await services.GetRequiredService<ReplyOutbox>().ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(status);
            }
            else
            {
                Show(console.Ansi, status);
            }

            return status.ParkedReplies == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, OutboxStatus status)
    {
        if (status.WaitingReplies == 0)
        {
            console.MarkupLineInterpolated($"[green]No replies waiting[/] in {status.Table} at {Display.Time(status.CheckedAt)}.");
        }
        else
        {
            var table = new Table().AddColumns("waiting replies", "users", "oldest waiting since", "waited");
            table.AddRow(
                Display.Count(status.WaitingReplies),
                Display.Count(status.UsersWaiting),
                Display.Time(status.OldestWaitingSince),
                Display.Duration(status.OldestWaitingAge));
            console.MarkupLineInterpolated($"Reply outbox {status.Table} at {Display.Time(status.CheckedAt)}:");
            console.Write(table);
            console.MarkupLine("The OutboxDrain timer sends them in order per user once the Graph API takes messages again (every 30 seconds, in each region).");
        }

        if (status.ParkedReplies > 0)
        {
            console.MarkupLineInterpolated(
                $"[red]Parked[/]: {Display.Count(status.ParkedReplies)} replies could not be read or were refused by Meta for good; they are kept and never sent again. See docs/operations/outbox.md.");
        }
    }
}
