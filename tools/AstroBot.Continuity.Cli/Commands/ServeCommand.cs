using System.CommandLine;
using AstroBot.Continuity.Cli.LocalHost;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary><c>continuity serve [--urls URL]</c>: the local host.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen (default LocalHost:Urls, http://127.0.0.1:7071, so routes match the Functions app's /api/...)",
        };
        var command = new Command("serve", "Run the Functions app's handlers, queue processing and schedules locally against the emulators") { urls };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var app = ContinuityLocalHost.Build(GlobalOptions.Configuration(parseResult), parseResult.GetValue(urls));
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
