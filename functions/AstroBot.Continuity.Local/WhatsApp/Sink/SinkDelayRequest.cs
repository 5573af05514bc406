namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>Body of <c>POST /_sink/delay</c>: hold the next <paramref name="Times"/> sends this long.</summary>
/// <param name="Milliseconds">The delay before answering.</param>
/// <param name="Times">How many sends are delayed; default 1.</param>
public sealed record SinkDelayRequest(int Milliseconds, int Times = 1);
