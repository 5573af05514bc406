using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// A spinner whose line counts, for runs over every user or every archive: their number is not known up front
/// (counting the accounts would need a cross-partition query), so there is no bar, only counts and a rate.
/// </summary>
internal static class CountingProgress
{
    public static Task<TResult> RunAsync<TStep, TResult>(IAnsiConsole console, string starting, Func<TStep, string> describe, Func<IProgress<TStep>, Task<TResult>> run) =>
        console.Progress()
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(starting)).IsIndeterminate();
                var result = await run(new InlineProgress<TStep>(step => task.Description = Markup.Escape(describe(step)))).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });

    /// <summary>Per second over <paramref name="elapsed"/>; 0 before any time has passed.</summary>
    public static double Rate(long count, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? count / elapsed.TotalSeconds : 0;
}
