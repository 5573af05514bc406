namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// Reports on the caller's thread. <see cref="Progress{T}"/> posts to the thread pool, so its reports can arrive
/// out of order, or after the progress bar they update has closed.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
