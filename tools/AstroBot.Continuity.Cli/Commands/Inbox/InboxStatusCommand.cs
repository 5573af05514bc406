using System.CommandLine;
using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Inbox;

/// <summary>
/// <c>continuity inbox status</c>: the approximate depth of each user-message queue and of its poison queue. Exit 0
/// when every poison queue is empty, 1 when any holds messages (as <c>continuity status</c> exits 1 on a problem).
/// </summary>
internal static class InboxStatusCommand
{
    public static Command Create()
    {
        var command = new Command(
            "status",
            "Show how many messages wait on each user-message queue and its poison queue (approximate counts); exit 1 when a poison queue holds any");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var status = await services.GetRequiredService<InboxStatusReader>().ReadAsync(cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(status);
            }
            else
            {
                Show(console.Ansi, status);
            }

            return status.PoisonedMessages == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, InboxStatus status)
    {
        var table = new Table().AddColumns("queue", "name", "messages", "poison queue", "poisoned");
        foreach (var queue in status.Queues)
        {
            table.AddRow(queue.Alias, Markup.Escape(queue.Queue.Name), Depth(queue.Queue), Markup.Escape(queue.Poison.Name), Depth(queue.Poison));
        }

        console.MarkupLineInterpolated($"User-message queues at {Display.Time(status.CheckedAt)} (approximate counts, messages being worked on included):");
        console.Write(table);
        if (status.PoisonedMessages == 0)
        {
            console.MarkupLine("[green]No poisoned messages.[/]");
            return;
        }

        foreach (var queue in status.Queues.Where(queue => queue.Poison.ApproximateMessages > 0))
        {
            console.MarkupLineInterpolated(
                $"[red]Poisoned[/]: {Display.Count(queue.Poison.ApproximateMessages)} messages in {queue.Poison.Name}. Find the cause in the logs, fix it, then: continuity inbox redrive --queue {queue.Alias}");
        }
    }

    private static string Depth(QueueDepth depth) => depth.Exists ? Display.Count(depth.ApproximateMessages) : "none yet";
}
