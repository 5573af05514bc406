using System.CommandLine;
using System.CommandLine.Invocation;
using AstroBot.Continuity.Cli.Commands;
using AstroBot.Continuity.Cli.Commands.Backup;
using AstroBot.Continuity.Cli.Commands.Dr;
using AstroBot.Continuity.Cli.Commands.Drills;
using AstroBot.Continuity.Cli.Commands.Failover;
using AstroBot.Continuity.Cli.Commands.Identity;
using AstroBot.Continuity.Cli.Commands.Inbox;
using AstroBot.Continuity.Cli.Commands.Incidents;
using AstroBot.Continuity.Cli.Commands.Maintenance;
using AstroBot.Continuity.Cli.Commands.Outbox;
using AstroBot.Continuity.Cli.Commands.Portability;
using AstroBot.Continuity.Cli.Commands.Restore;
using AstroBot.Continuity.Cli.Commands.Sla;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli;

/// <summary>The <c>continuity</c> command tree, and how an invocation ends in an exit code (<see cref="ExitCodes"/>).</summary>
internal static class ContinuityCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AstroBot Continuity: backups, recovery, availability and data portability for the AstroBot WhatsApp bot. " +
                                   "The operators' manual path when automation is down, and the local host.")
        {
            GlobalOptions.Config,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(FrontDoorCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(ChatCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(EraseCommand.Create());
        root.Subcommands.Add(IdentityCommand.Create());
        root.Subcommands.Add(InboxCommand.Create());
        root.Subcommands.Add(MaintenanceCommand.Create());
        root.Subcommands.Add(OutboxCommand.Create());
        root.Subcommands.Add(IncidentCommand.Create());
        root.Subcommands.Add(SlaCommand.Create());
        root.Subcommands.Add(DrillCommand.Create());
        root.Subcommands.Add(FailoverCommand.Create());
        root.Subcommands.Add(DrCommand.Create());
        return root;
    }

    /// <summary>
    /// How the command line is read: without response files, because <c>@name</c> is a WhatsApp username here
    /// (<c>identity show @sheena.nelson</c>), not a file of arguments.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing to the invocation's output and error writers (so tests run
    /// the real thing in-process). A command line that does not parse exits 2, like a bad setting.
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, InvocationConfiguration invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        invocation.EnableDefaultExceptionHandler = false;
        var parseResult = Create().Parse(args, Parsing);
        if (parseResult.Action is ParseErrorAction parseError && parseResult.GetValue(GlobalOptions.Json))
        {
            parseError.ShowHelp = false; // stdout is for the JSON a script reads; the error goes to stderr
        }

        try
        {
            var exitCode = await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            return parseResult.Action is ParseErrorAction ? ExitCodes.BadConfiguration : exitCode;
        }
        catch (OptionsValidationException exception)
        {
            // A bad or missing setting stops the command with the setting's name and what is wrong.
            foreach (var failure in exception.Failures)
            {
                await invocation.Error.WriteLineAsync($"configuration error: {failure}").ConfigureAwait(false);
            }

            return ExitCodes.BadConfiguration;
        }
        catch (FormatException exception)
        {
            await invocation.Error.WriteLineAsync($"configuration error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (Exception exception) when (Unreachable.Describe(exception) is { } what)
        {
            await invocation.Error.WriteLineAsync($"{what} does not answer ({exception.GetType().Name}: {Unreachable.FirstLine(exception.Message)}). Are the emulators (eng/emulators up) or the account reachable?").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
    }
}
