using System.CommandLine;
using System.Globalization;
using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Inbox;

/// <summary>
/// <c>continuity inbox redrive [--queue inbox|bot|exports|NAME] [--max N] [--dry-run]</c>: moves poisoned messages back
/// to their queue (<see cref="PoisonRedrive"/>). Exit 0 done (nothing to do included), 1 stopped by a storage failure
/// (what moved stays moved; the rest stays poisoned), 2 bad input or a queue that does not exist.
/// </summary>
internal static class InboxRedriveCommand
{
    public static Command Create()
    {
        var queue = new Option<string>("--queue")
        {
            Description = $"The queue to put messages back on: {UserMessageQueues.Inbox}, {UserMessageQueues.Bot}, {UserMessageQueues.Exports}, " +
                "or the name of another queue whose poison queue is NAME-poison",
            HelpName = "inbox|bot|exports|NAME",
            DefaultValueFactory = _ => UserMessageQueues.Inbox,
        };
        queue.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && UserMessageQueues.Problem(value) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var max = new Option<int?>("--max")
        {
            Description = "Move at most N messages (default: every message the poison queue holds when the redrive starts)",
            HelpName = "N",
        };
        max.Validators.Add(result =>
        {
            // From the token: a value that is no number is the parser's error, and reading it here would throw.
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                result.AddError("--max must be at least 1.");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count what would be moved; move nothing" };
        var command = new Command(
            "redrive",
            "Put poisoned messages back on their queue once the cause is fixed: each is sent back (never to expire) before it leaves the poison queue, " +
            "so a crash duplicates rather than loses, and processing drops duplicates by wamid")
        {
            queue, max, dryRun,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var name = parseResult.GetRequiredValue(queue);
            await using var services = BackendServices.Build(parseResult);
            var redrive = services.GetRequiredService<PoisonRedrive>();
            if (await redrive.ResolveAsync(name, cancellationToken).ConfigureAwait(false) is not { } target)
            {
                return console.Fail(
                    ExitCodes.BadConfiguration,
                    $"No queue '{name}' in this storage account, nor '{name}{UserMessageQueue.PoisonSuffix}': name {UserMessageQueues.Inbox}, {UserMessageQueues.Bot}, {UserMessageQueues.Exports} or an existing queue.");
            }

            var result = await redrive.RedriveAsync(target, parseResult.GetValue(max), parseResult.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(result);
            }
            else
            {
                Show(console.Ansi, result);
            }

            return result.Failure is null ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, RedriveResult result)
    {
        if (!result.PoisonQueueExists)
        {
            console.MarkupLineInterpolated($"No poison queue {result.PoisonQueue}: nothing was ever poisoned on {result.Queue}. Nothing to redrive.");
            return;
        }

        if (result.DryRun)
        {
            console.MarkupLineInterpolated(
                $"Dry run: {Display.Count(result.WouldMove ?? 0)} of {Display.Count(result.Remaining)} messages in {result.PoisonQueue} would go back to {result.Queue}. Nothing moved.");
            return;
        }

        if (result.Moved == 0 && result.Remaining == 0 && result.Failure is null)
        {
            console.MarkupLineInterpolated($"{result.PoisonQueue} is empty. Nothing to redrive.");
            return;
        }

        console.MarkupLineInterpolated(
            $"Moved {Display.Count(result.Moved)} messages from {result.PoisonQueue} back to {result.Queue}; {Display.Count(result.Remaining)} remain in {result.PoisonQueue}.");
        if (result.Failure is { } failure)
        {
            console.MarkupLineInterpolated($"[red]Stopped[/]: {failure}");
        }
    }
}
