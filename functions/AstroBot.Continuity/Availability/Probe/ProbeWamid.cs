using System.Globalization;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// The message id of a probe's webhook: <c>wamid.probe.&lt;UTC send time, yyyyMMddTHHmmssfffZ&gt;.&lt;32 hex&gt;</c>.
/// It names the day partition of its record (<see cref="ProbeTable"/>), so the inbox finds the record with one point
/// read and never has to trust anything else in the message; an id of any other shape is not a probe of ours.
/// </summary>
public static partial class ProbeWamid
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>A new probe wamid for a probe sent at <paramref name="sentAt"/>.</summary>
    public static string Create(DateTimeOffset sentAt) =>
        $"wamid.probe.{sentAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}";

    /// <summary>The day partition (<c>yyyyMMdd</c>, UTC) a probe wamid names; false for any other id.</summary>
    public static bool TryGetPartition(string? wamid, out string partition)
    {
        var match = wamid is null ? Match.Empty : Pattern().Match(wamid);
        partition = match.Success ? match.Groups["day"].Value : "";
        return match.Success;
    }

    /// <summary>The UTC send time a probe wamid names (to the millisecond); false for any other id.</summary>
    public static bool TryGetSentAt(string? wamid, out DateTimeOffset sentAt)
    {
        var match = wamid is null ? Match.Empty : Pattern().Match(wamid);
        sentAt = default;
        return match.Success
            && DateTimeOffset.TryParseExact(
                match.Groups["time"].Value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out sentAt);
    }

    [GeneratedRegex(@"^wamid\.probe\.(?<time>(?<day>[0-9]{8})T[0-9]{9}Z)\.[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
