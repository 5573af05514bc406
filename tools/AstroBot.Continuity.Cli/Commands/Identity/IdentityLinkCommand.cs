using System.CommandLine;
using AstroBot.Continuity.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>
/// <c>continuity identity link ID --to PERSON [--move]</c>: gives an identifier to a person, for what the webhooks
/// could not settle (a conflict, a number the user proves is theirs). Never merges data. Exit 0 linked (or already),
/// 1 held by another person without --move, or no such person, 2 bad input.
/// </summary>
internal static class IdentityLinkCommand
{
    public static Command Create()
    {
        var identifier = new Argument<string>("id")
        {
            Description = "The identifier to give: a phone number, a BSUID, a parent BSUID, @username, or kind:value",
            HelpName = "ID",
        };
        identifier.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !Identifier.TryParse(value, out _))
            {
                result.AddError($"'{value}' is no identifier; identity link gives {UserReference.IdentifierForms}. A user key names a person: pass it to --to.");
            }
        });
        var to = UserReference.Option("--to", "The person to give it to: their user key, or any identifier they have or had");
        to.Required = true;
        var move = new Option<bool>("--move")
        {
            Description = "Take the identifier from the person who holds it (they lose it; their data stays with them)",
        };
        var current = new Option<bool>("--current")
        {
            Description = "Make it the person's current identifier of its kind, where replies go from now on (a change of number WhatsApp never told us of); " +
                "without it the person's current identifiers stay as they are",
        };
        var command = new Command(
            "link",
            "Give an identifier to a person (a conflict, a number the user proves is theirs); refused while another person holds it, unless --move. " +
            "Nothing is merged: merging two people's data is export, import --as, erase")
        {
            identifier, to, move, current,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            _ = Identifier.TryParse(parseResult.GetRequiredValue(identifier), out var given); // checked when parsed
            var target = parseResult.GetRequiredValue(to)!;
            await using var services = BackendServices.Build(parseResult);
            if (await KnownPerson.FindAsync(services, target, cancellationToken).ConfigureAwait(false) is not { } person)
            {
                return Report(console, new LinkResult(IdentifierResult.From(given), null, ManualLinkOutcome.NoSuchPerson, null), KnownPerson.Nobody(target));
            }

            var linked = await services.GetRequiredService<IdentityLinker>()
                .LinkAsync(given, person.UserKey, parseResult.GetValue(move), parseResult.GetValue(current), cancellationToken).ConfigureAwait(false);
            var result = new LinkResult(IdentifierResult.From(given), person.UserKey, linked.Outcome, linked.OtherPerson);
            return Report(console, result, LinkMessages.Describe(result));
        });
        return command;
    }

    private static int Report(CommandConsole console, LinkResult result, string message)
    {
        if (console.Json)
        {
            console.WriteJson(result);
        }
        else if (result.Succeeded)
        {
            console.Ansi.WriteLine(message);
        }

        return result.Succeeded ? ExitCodes.Success : console.Fail(ExitCodes.Failure, message);
    }
}
