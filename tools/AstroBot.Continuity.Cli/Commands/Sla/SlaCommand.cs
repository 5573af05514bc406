using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Sla;

/// <summary><c>continuity sla report</c>: availability against the 99.9% objective (docs/availability.md, "Reporting").</summary>
internal static class SlaCommand
{
    public static Command Create()
    {
        var command = new Command(
            "sla",
            "Report availability against the 99.9% objective from the synthetic probe's records: uptime, downtime, incidents, error budget and burn rates");
        command.Subcommands.Add(SlaReportCommand.Create());
        return command;
    }
}
