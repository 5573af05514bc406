using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

/// <summary>Every event logged, with its level, id and structured values: what an alert query reads of it.</summary>
internal sealed class StructuredLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LoggedEvent> events = new();

    public IReadOnlyList<LoggedEvent> Events => [.. events];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        events.Enqueue(new LoggedEvent(logLevel, eventId.Id, values.ToDictionary(pair => pair.Key, pair => pair.Value)));
    }
}

internal sealed record LoggedEvent(LogLevel Level, int Id, IReadOnlyDictionary<string, object?> Values);
