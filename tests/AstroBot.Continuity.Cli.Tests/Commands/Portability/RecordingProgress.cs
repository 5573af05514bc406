namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary>Keeps every progress report in the order it was made (unlike <see cref="Progress{T}"/>, synchronously, on the reporting thread).</summary>
internal sealed class RecordingProgress<T>(List<T> reports, Action<T>? then = null) : IProgress<T>
{
    public void Report(T value)
    {
        reports.Add(value);
        then?.Invoke(value);
    }
}
