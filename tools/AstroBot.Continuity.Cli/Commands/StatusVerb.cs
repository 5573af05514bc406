using System.CommandLine;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// A <c>status</c> verb (<c>maintenance status</c>, <c>incident status</c>): reads a status from the backend and prints it
/// as JSON with <c>--json</c>, else as text. Exit 0 whatever the state, 3 storage unreachable.
/// </summary>
internal static class StatusVerb
{
    public static Command Create<T>(string description, Func<IServiceProvider, CancellationToken, Task<T>> read, Action<IAnsiConsole, T> show)
    {
        var command = new Command("status", description);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var status = await read(services, cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(status);
            }
            else
            {
                show(console.Ansi, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
