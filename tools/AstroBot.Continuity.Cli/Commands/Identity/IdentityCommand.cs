using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary><c>continuity identity show|link|conflicts</c>: the identity directory, for support.</summary>
internal static class IdentityCommand
{
    public static Command Create()
    {
        var command = new Command(
            "identity",
            "Look people up in the identity directory, which maps every phone number, BSUID, parent BSUID and username a WhatsApp user " +
            "has had to one person (their user key), and settle what WhatsApp's webhooks could not");
        command.Subcommands.Add(IdentityShowCommand.Create());
        command.Subcommands.Add(IdentityLinkCommand.Create());
        command.Subcommands.Add(IdentityConflictsCommand.Create());
        return command;
    }
}
