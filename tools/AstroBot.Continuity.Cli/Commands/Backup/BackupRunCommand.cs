using System.CommandLine;
using System.Globalization;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary>
/// <c>continuity backup run [--full|--incremental] [--no-wait]</c>: one backup now. Exit 0 committed (or an incremental
/// with no full backup to build on), 1 failed or the lease held by a run that is alive. A lease held by a run that
/// may have died is waited out first (at most a lease duration and a margin), unless <c>--no-wait</c>.
/// </summary>
internal static class BackupRunCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Read every item (the default)" };
        var incremental = new Option<bool>("--incremental") { Description = "Read the change feed since the newest backup of the newest full backup's chain" };
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "When another run holds the lease, exit 1 at once. Without it, the command waits up to the lease duration " +
                          "(Backup:LeaseDuration) plus 5 s for a lease that may belong to a run that died, then runs; it exits 1 if the " +
                          "lease is still held (a live run renewing it)",
        };
        var command = new Command("run", "Run one backup now, under the same lease as the scheduled runs") { full, incremental, noWait };
        command.Validators.Add(result =>
        {
            if (result.GetValue(full) && result.GetValue(incremental))
            {
                result.AddError("--full and --incremental cannot be combined; choose one.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var kind = parseResult.GetValue(incremental) ? BackupKind.Incremental : BackupKind.Full;
            await using var services = BackendServices.Build(parseResult);
            var runner = services.GetRequiredService<BackupRunner>();
            // A script that runs this wants a backup: a lease that may belong to a run that died is waited out.
            Action<BackupLeaseWait>? waitForLease = parseResult.GetValue(noWait) ? null : wait => console.Notice(WaitingLine(wait));
            BackupRunResult result;
            try
            {
                result = console.ShowsProgress
                    ? await RunWithProgressAsync(console.Ansi, runner, kind, waitForLease, cancellationToken).ConfigureAwait(false)
                    : await runner.RunAsync(kind, null, waitForLease, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyRingException exception)
            {
                return console.Fail(ExitCodes.BadConfiguration, exception.Message);
            }

            return Report(console, result);
        });
        return command;
    }

    private static string WaitingLine(BackupLeaseWait wait) => string.Create(
        CultureInfo.InvariantCulture,
        $"Waiting up to {wait.Bound.TotalSeconds:0} s for the backup lease of database '{wait.Holder.Database}', which may belong to a run that died " +
        $"(a dead run stops renewing it, and it lapses within {wait.Holder.LeaseDuration.TotalSeconds:0} s). Holder: {wait.Holder.Description}.");

    private static Task<BackupRunResult> RunWithProgressAsync(
        IAnsiConsole console, BackupRunner runner, BackupKind kind, Action<BackupLeaseWait>? waitForLease, CancellationToken cancellationToken) =>
        console.Progress()
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                // Item totals are unknown until a container is read, so each container gets a spinner that counts.
                ProgressTask? current = null;
                var progress = new InlineProgress<BackupProgress>(step =>
                {
                    if (current?.Tag as string != step.Container)
                    {
                        Finish(current);
                        current = context.AddTask(step.Container).IsIndeterminate();
                        current.Tag = step.Container;
                    }

                    current.Description = $"{step.Container}: {Display.Count(step.Items)} items, {Display.Bytes(step.RawBytes)}";
                });
                var result = await runner.RunAsync(kind, progress, waitForLease, cancellationToken).ConfigureAwait(false);
                Finish(current);
                return result;
            });

    private static void Finish(ProgressTask? task)
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private static int Report(CommandConsole console, BackupRunResult result)
    {
        // A lease held by another run is no backup: a script must not believe one was made.
        var exitCode = result.Outcome is BackupRunOutcome.Failed or BackupRunOutcome.LeaseHeld ? ExitCodes.Failure : ExitCodes.Success;
        if (console.Json)
        {
            console.WriteJson(result);
            return exitCode;
        }

        switch (result.Outcome)
        {
            case BackupRunOutcome.Committed when result.Entry is { } entry:
                console.Ansi.MarkupLineInterpolated(
                    $"[green]Backup {entry.BackupId} committed[/]: {Display.Count(entry.ItemCount)} items, {Display.Bytes(entry.StoredBytes)} stored in {Display.Count(entry.ChunkCount)} chunks, {Display.Duration(entry.Duration)}, {Display.RequestUnits(entry.RequestCharge)} RU, {Display.Count(entry.Throttles)} throttled.");
                break;
            case BackupRunOutcome.Skipped:
                console.Ansi.MarkupLineInterpolated($"[yellow]Skipped[/]: {result.Message}");
                break;
            default:
                console.Error.WriteLine(result.Message);
                break;
        }

        return exitCode;
    }
}
