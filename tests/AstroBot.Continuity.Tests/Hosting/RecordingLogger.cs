using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Tests.Hosting;

/// <summary>
/// Records the names of the events logged (the source generator names each event after its LogMessages method),
/// so a test can wait for the runner to reach a point instead of sleeping.
/// </summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> events = new();

    public bool Logged(string eventName) => events.Contains(eventName);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        events.Enqueue(eventId.Name ?? string.Empty);
}
