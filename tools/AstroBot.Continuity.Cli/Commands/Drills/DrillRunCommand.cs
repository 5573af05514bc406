using System.CommandLine;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>
/// <c>continuity drill run restore|failover [--host URL [--function-key KEY] [--wait]] [--by NAME]</c>: with <c>--host</c>,
/// asks that host to start the drill (<c>POST /api/drills/{kind}</c>) and, with <c>--wait</c>, follows it to its end;
/// without, runs it in this process (<see cref="InProcessDrill"/>) and waits. Exit 0 started or passed, 1 failed, missed
/// its objective or abandoned, 2 bad configuration (a key the host refused), 3 unreachable, 4 refused (another drill
/// runs, production data without the confirmation).
/// </summary>
internal static class DrillRunCommand
{
    /// <summary>Where the function key comes from when <c>--function-key</c> does not give it.</summary>
    public const string FunctionKeyVariable = "CONTINUITY_FUNCTION_KEY";

    /// <summary>Who the record says started it, when <c>--by</c> does not say.</summary>
    public const string DefaultActor = "cli";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "Which drill: restore (scenario DataCorruption) or failover (RegionOutageCompute)" };
        kind.AcceptOnlyFromAmong([.. DrillKinds.All.Select(DrillKinds.NameOf)]);
        var host = HostOption.Create("Start the drill on this host (a Function App or continuity serve) instead of running it in this process");
        host.HelpName = "URL";
        var functionKey = new Option<string>("--function-key")
        {
            Description = $"The Function App's function key, sent as {RemoteDrills.FunctionKeyHeader} (default: the {FunctionKeyVariable} environment variable)",
            HelpName = "KEY",
        };
        var wait = new Option<bool>("--wait") { Description = "With --host: follow the drill until it ends and exit with its outcome (without --host it always waits)" };
        var by = ActorOption.Create("Who starts the drill, for its record");
        by.Description = $"Who starts the drill, for its record (default: {DefaultActor})";
        var command = new Command(
            "run",
            "Run a drill: through a host with --host (its Durable orchestration; --wait follows it), else in this process on an in-memory " +
            "Durable engine when the automation is down. One drill runs at a time")
        {
            kind, host, functionKey, wait, by,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(functionKey) is not null && result.GetResult(host) is null)
            {
                result.AddError("--function-key goes with --host: a drill run in this process needs no key.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            DrillKinds.TryParse(parseResult.GetRequiredValue(kind), out var drillKind);
            var actor = string.IsNullOrWhiteSpace(parseResult.GetValue(by)) ? DefaultActor : parseResult.GetValue(by)!.Trim();
            if (parseResult.GetValue(host) is { } url)
            {
                var key = parseResult.GetValue(functionKey) ?? Environment.GetEnvironmentVariable(FunctionKeyVariable);
                return await RunRemoteAsync(console, url, key, drillKind, actor, parseResult.GetValue(wait), cancellationToken).ConfigureAwait(false);
            }

            var configuration = GlobalOptions.Configuration(parseResult);
            var time = (parseResult.InvocationConfiguration as ContinuityInvocation)?.Time;
            if (!console.Json)
            {
                console.Ansi.MarkupLine($"Running the {DrillKinds.NameOf(drillKind)} drill in this process (started by {Markup.Escape(actor)}); it ends with the process.");
            }

            var (drill, refusal) = await InProcessDrill.RunAsync(configuration, time, drillKind, actor, cancellationToken).ConfigureAwait(false);
            return refusal is not null ? console.Fail(refusal.ExitCode, refusal.Message) : Finish(console, new DrillRunResult(drill!.DrillId, drillKind, null, null, DrillReport.Of(drill)));
        });
        return command;
    }

    private static async Task<int> RunRemoteAsync(CommandConsole console, Uri url, string? key, DrillKind kind, string actor, bool wait, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrWhiteSpace(key))
        {
            http.DefaultRequestHeaders.Add(RemoteDrills.FunctionKeyHeader, key.Trim());
        }

        var remote = new RemoteDrills(http, url);
        var (drillId, refusal) = await remote.StartAsync(kind, actor, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return console.Fail(refusal.ExitCode, refusal.Message);
        }

        if (!console.Json)
        {
            console.Ansi.MarkupLineInterpolated($"Drill {drillId} started on {url}: follow it at {remote.StatusUrl(drillId!)}, its report at {remote.ReportUrl(drillId!)}");
        }

        DrillReport? report = null;
        if (wait)
        {
            var drill = await remote.GetAsync(drillId!, ct).ConfigureAwait(false);
            while (!drill.IsOver)
            {
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
                drill = await remote.GetAsync(drillId!, ct).ConfigureAwait(false);
            }

            report = DrillReport.Of(drill);
        }

        return Finish(console, new DrillRunResult(drillId!, kind, remote.StatusUrl(drillId!), remote.ReportUrl(drillId!), report));
    }

    private static int Finish(CommandConsole console, DrillRunResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
        }
        else if (result.Report is { } report)
        {
            DrillView.Show(console.Ansi, report);
        }

        return result.Report is { } ended ? DrillCommand.ExitCodeOf(ended.Drill) : ExitCodes.Success;
    }
}
