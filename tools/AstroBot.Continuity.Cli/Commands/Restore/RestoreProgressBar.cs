using AstroBot.Continuity.Backup.Restore;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>A progress bar over a restore's steps (one per chunk), for <c>restore</c> and <c>backup test-restore</c>.</summary>
internal static class RestoreProgressBar
{
    public static Task<T> RunAsync<T>(IAnsiConsole console, string description, Func<IProgress<RestoreStepProgress>, Task<T>> restore) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                // Planning reads and checks every chunk before the first write, and reports nothing until the first step.
                var task = context.AddTask(Markup.Escape($"{description}: checking every chunk")).IsIndeterminate();
                var progress = new InlineProgress<RestoreStepProgress>(step =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(1, step.Start.StepCount);
                    task.Value = step.StepsDone;
                    task.Description = Markup.Escape($"{description} into {step.Start.TargetDatabase}: {Display.Count(step.ItemsWritten)} items");
                });
                var result = await restore(progress).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
}
