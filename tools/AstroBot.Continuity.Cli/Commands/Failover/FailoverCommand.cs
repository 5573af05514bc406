using System.CommandLine;
using AstroBot.Continuity.Cli.Commands.Drills;

namespace AstroBot.Continuity.Cli.Commands.Failover;

/// <summary>
/// <c>continuity failover status|approve|reject --host URL [--function-key KEY]</c>: the automated failover on a running
/// host (docs/dr/README.md#automated-failover): its state and decisions, and a person's answer at its approval gate.
/// Exit 0, 1 failure, 2 a key the host refused, 3 the host does not answer, 4 nothing waits for an answer.
/// </summary>
internal static class FailoverCommand
{
    public static Command Create()
    {
        var command = new Command(
            "failover",
            "The automated failover on a host: its state and decisions, and the approval gate's answer. Failback is never automatic: see docs/dr/README.md");
        command.Subcommands.Add(Verb("status", "Show the automated failover's state, phase and last decisions", answer: null));
        command.Subcommands.Add(Verb("approve", "Approve the automated failover waiting at its gate: it switches to the secondary", answer: true));
        command.Subcommands.Add(Verb("reject", "Reject the automated failover waiting at its gate: it stands down, nothing switched", answer: false));
        return command;
    }

    private static Command Verb(string name, string description, bool? answer)
    {
        var host = HostOption.Create("The host the automated failover runs on (a Function App or continuity serve)");
        host.HelpName = "URL";
        host.Required = true;
        var functionKey = new Option<string>("--function-key")
        {
            Description = $"The Function App's function key, sent as {RemoteDrills.FunctionKeyHeader} (default: the {DrillRunCommand.FunctionKeyVariable} environment variable)",
            HelpName = "KEY",
        };
        var command = new Command(name, description) { host, functionKey };
        var by = ActorOption.Create("Who answers, for the decision record");
        if (answer is not null)
        {
            command.Options.Add(by);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var url = parseResult.GetRequiredValue(host);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            if ((parseResult.GetValue(functionKey) ?? Environment.GetEnvironmentVariable(DrillRunCommand.FunctionKeyVariable)) is { Length: > 0 } key)
            {
                http.DefaultRequestHeaders.Add(RemoteDrills.FunctionKeyHeader, key.Trim());
            }

            var remote = new RemoteFailover(http, url);
            try
            {
                var (status, body) = answer is { } approve
                    ? await remote.AnswerAsync(approve, ActorOption.Actor(parseResult.GetValue(by)), cancellationToken).ConfigureAwait(false)
                    : await remote.StatusAsync(cancellationToken).ConfigureAwait(false);
                return RemoteFailover.Show(console, status, body);
            }
            catch (HttpRequestException exception)
            {
                return console.Fail(ExitCodes.Unreachable, $"{url} does not answer: {exception.Message}");
            }
        });
        return command;
    }
}
