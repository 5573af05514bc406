namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// What an operator types as an incident's public message (<c>--message</c>, <c>message</c>): the CLI and the route check
/// it here, so both accept and refuse the same things with the same words.
/// </summary>
public static class IncidentRequest
{
    /// <summary>A status line, not a letter: up to 1,000 characters.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>What is wrong with <paramref name="message"/> as an incident's public text, or null.</summary>
    public static string? MessageProblem(string? message) => message switch
    {
        null or "" => "The message is empty: say in public words what users notice (for example \"Replies are delayed; your messages are kept and will be answered\").",
        _ when string.IsNullOrWhiteSpace(message) => "The message is only blanks: say in public words what users notice.",
        { Length: > MaxMessageLength } => $"The message has {message.Length} characters; an incident's public text holds {MaxMessageLength} at most.",
        _ => null,
    };

    /// <summary>What is wrong with an optional resolution text (absent is fine), or null.</summary>
    public static string? ResolutionProblem(string? resolution) => resolution is null ? null : MessageProblem(resolution);
}
