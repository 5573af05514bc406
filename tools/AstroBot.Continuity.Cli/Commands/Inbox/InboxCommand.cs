using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Inbox;

/// <summary><c>continuity inbox status|redrive|drain</c>: the queues that hold users' messages, and their poison queues.</summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var command = new Command(
            "inbox",
            "See the queues that hold users' messages (inbox, bot, exports) and their poison queues, put poisoned messages back once the cause is fixed, " +
            "and drain another region's inbox from here");
        command.Subcommands.Add(InboxStatusCommand.Create());
        command.Subcommands.Add(InboxRedriveCommand.Create());
        command.Subcommands.Add(InboxDrainCommand.Create());
        return command;
    }
}
