using System.CommandLine;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>
/// <c>continuity identity show ID</c>: the person a key or any identifier names, with every identifier they have or
/// had and where replies go. Exit 0 found, 1 nobody matches, 2 not a key or identifier.
/// </summary>
internal static class IdentityShowCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("id")
        {
            Description = "A user key or any identifier: a phone number, a BSUID, a parent BSUID, @username, or kind:value",
            HelpName = "ID",
        };
        reference.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !UserReference.IsValid(value))
            {
                result.AddError($"'{value}' is no user key or identifier; identity show takes {UserReference.Forms}.");
            }
        });
        var command = new Command("show", "Show a person: their user key, every identifier they have or had (kind, value, since, retired) and where replies go")
        {
            reference,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var text = parseResult.GetRequiredValue(reference);
            await using var services = BackendServices.Build(parseResult);
            if (await KnownPerson.FindAsync(services, text, cancellationToken).ConfigureAwait(false) is not { } match)
            {
                return console.Fail(ExitCodes.Failure, KnownPerson.Nobody(text));
            }

            Report(console, PersonResult.From(match));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CommandConsole console, PersonResult person)
    {
        if (console.Json)
        {
            console.WriteJson(person);
            return;
        }

        var state = person.State.ToString().ToLowerInvariant();
        if (person.InDirectory)
        {
            console.Ansi.MarkupLineInterpolated($"Person [bold]{person.UserKey}[/] ({state}), in the identity directory since {Display.Time(person.CreatedAt)}:");
        }
        else
        {
            console.Ansi.MarkupLineInterpolated(
                $"Person [bold]{person.UserKey}[/] ({state}), known by phone number only, from before the identity directory (it records them the next time they write):");
        }

        var table = new Table().AddColumns("kind", "value", "since", "retired");
        foreach (var identifier in person.Identifiers)
        {
            table.AddRow(Markup.Escape(identifier.Kind), Markup.Escape(identifier.Value), Display.Time(identifier.Since), identifier.Current ? "current" : Display.Time(identifier.RetiredAt));
        }

        console.Ansi.Write(table);
        console.Ansi.WriteLine(person.ReplyTo is { } replyTo ? $"Replies go to {replyTo.Kind} {replyTo.Value}." : "Replies go nowhere: no current phone number or BSUID.");
    }
}
