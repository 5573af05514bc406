using System.CommandLine;
using AstroBot.Continuity.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>
/// <c>continuity identity conflicts</c>: identifiers a webhook put with one person while the directory holds them for
/// another, oldest first, for an operator to settle with <c>identity link</c>. Exit 0, whether or not there are any.
/// </summary>
internal static class IdentityConflictsCommand
{
    public static Command Create()
    {
        var command = new Command(
            "conflicts",
            "List the open conflicts: identifiers a webhook put with one person while the directory holds them for another; settle each with identity link");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var conflicts = await services.GetRequiredService<IdentityDirectory>().ListConflictsAsync(cancellationToken).ConfigureAwait(false);
            Report(console, [.. conflicts.Select(ConflictResult.From)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CommandConsole console, IReadOnlyList<ConflictResult> conflicts)
    {
        if (console.Json)
        {
            console.WriteJson(conflicts);
            return;
        }

        if (conflicts.Count == 0)
        {
            console.Ansi.MarkupLine("No open conflicts.");
            return;
        }

        var table = new Table().AddColumns("identifier", "held by", "claimed by", "first seen", "last seen");
        foreach (var conflict in conflicts)
        {
            table.AddRow(Markup.Escape(conflict.Identifier.ToString()), Markup.Escape(conflict.HeldBy), Markup.Escape(conflict.ClaimedBy), Display.Time(conflict.FirstSeenAt), Display.Time(conflict.LastSeenAt));
        }

        console.Ansi.Write(table);
        console.Ansi.MarkupLineInterpolated(
            $"{Display.Count(conflicts.Count)} open conflicts. identity show ID shows each side; identity link ID --to PERSON gives the identifier to the right one (--move takes it from the holder).");
    }
}
