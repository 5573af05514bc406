using System.CommandLine;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary><c>continuity backup run [--full|--incremental]</c>: one backup now. Exit 0 committed or skipped, 1 failed.</summary>
internal static class BackupRunCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Read every item (the default)" };
        var incremental = new Option<bool>("--incremental") { Description = "Read the change feed since the newest backup of the newest full backup's chain" };
        var command = new Command("run", "Run one backup now, under the same lease as the scheduled runs") { full, incremental };
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
            BackupRunResult result;
            try
            {
                result = console.ShowsProgress
                    ? await RunWithProgressAsync(console.Ansi, runner, kind, cancellationToken).ConfigureAwait(false)
                    : await runner.RunAsync(kind, null, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyRingException exception)
            {
                return console.Fail(ExitCodes.BadConfiguration, exception.Message);
            }

            return Report(console, result);
        });
        return command;
    }

    private static Task<BackupRunResult> RunWithProgressAsync(IAnsiConsole console, BackupRunner runner, BackupKind kind, CancellationToken cancellationToken) =>
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
                var result = await runner.RunAsync(kind, progress, cancellationToken).ConfigureAwait(false);
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
        var exitCode = result.Outcome == BackupRunOutcome.Failed ? ExitCodes.Failure : ExitCodes.Success;
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
