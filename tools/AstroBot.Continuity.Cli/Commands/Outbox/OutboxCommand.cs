using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Outbox;

/// <summary><c>continuity outbox status</c>: the replies waiting for the Graph API (docs/operations/outbox.md).</summary>
internal static class OutboxCommand
{
    public static Command Create()
    {
        var command = new Command(
            "outbox",
            "See the replies waiting in the reply outbox while the Graph API is down or rate-limited; the OutboxDrain timer sends them in order per user");
        command.Subcommands.Add(OutboxStatusCommand.Create());
        return command;
    }
}
