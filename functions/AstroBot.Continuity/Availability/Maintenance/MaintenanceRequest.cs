using System.Globalization;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// What an operator asks for when starting a window, as typed: <c>--until</c>/<c>until</c> and <c>--message</c>/<c>message</c>.
/// The CLI and the admin route read and check it here, so both accept and refuse the same things with the same words.
/// </summary>
public static partial class MaintenanceRequest
{
    /// <summary>A notice is one WhatsApp text message: up to 4,096 characters.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The forms the end takes, for errors and help.</summary>
    public const string UntilForms = "an ISO 8601 time with its offset (2027-01-15T10:00:00+01:00 or 2027-01-15T09:00:00Z) or a duration from now (90s, 30m, 2h, 1d, 1h30m)";

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    /// <summary>
    /// Reads <paramref name="text"/> as an absolute end (ISO 8601 with an offset or <c>Z</c>: a time without one is
    /// ambiguous across regions and operators, so it is refused) or a duration from <paramref name="now"/>.
    /// </summary>
    public static bool TryParseUntil(string? text, DateTimeOffset now, out DateTimeOffset until)
    {
        until = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        // A 'Z' form carries no offset for the parser: assumed UTC, which is what Z says.
        if (DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out until))
        {
            return true;
        }

        if (TryParseDuration(text, out var duration))
        {
            until = now + duration;
            return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> is a form <see cref="TryParseUntil"/> reads (what the CLI checks before any clock).</summary>
    public static bool IsUntil(string? text) => TryParseUntil(text, DateTimeOffset.UnixEpoch, out _);

    /// <summary>What is wrong with <paramref name="message"/> as a notice, or null.</summary>
    public static string? MessageProblem(string? message) => message switch
    {
        null or "" => "The message is empty: say what users will read (for example \"AstroBot is down for maintenance until 10:00 UTC; your messages are safe and will be answered then\").",
        _ when string.IsNullOrWhiteSpace(message) => "The message is only blanks: say what users will read.",
        { Length: > MaxMessageLength } => $"The message has {message.Length} characters; a WhatsApp text holds {MaxMessageLength} at most.",
        _ => null,
    };

    /// <summary>
    /// Checks a request at <paramref name="now"/>: the end must read as one of <see cref="UntilForms"/>, lie in the
    /// future and at most <paramref name="maxWindow"/> ahead; the message must be a WhatsApp text.
    /// </summary>
    /// <returns>The end, or the problem in words an operator can act on.</returns>
    public static (DateTimeOffset? Until, string? Problem) Check(string? untilText, string? message, DateTimeOffset now, TimeSpan maxWindow)
    {
        if (!TryParseUntil(untilText, now, out var until))
        {
            return (null, $"The end '{untilText}' is not {UntilForms}.");
        }

        if (until <= now)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The end {until:yyyy-MM-dd'T'HH:mm:ssK} is not in the future (it is now {now.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}): a window must end later than it starts."));
        }

        if (until - now > maxWindow)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The end {until:yyyy-MM-dd'T'HH:mm:ssK} is more than {Days(maxWindow)} ahead (Maintenance:MaxWindow); start a shorter window and extend it with another start."));
        }

        return MessageProblem(message) is { } problem ? (null, problem) : (until, null);
    }

    private static string Days(TimeSpan span) =>
        span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days")
            : span.ToString("c", CultureInfo.InvariantCulture);

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Duration().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            if (!long.TryParse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
            {
                return false;
            }

            duration += unit switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return duration > TimeSpan.Zero;
    }

    // 1d, 2h, 30m, 90s, or several in that order: 1h30m.
    [GeneratedRegex("^(?<part>[0-9]{1,6}d)?(?<part>[0-9]{1,6}h)?(?<part>[0-9]{1,6}m)?(?<part>[0-9]{1,6}s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
