using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>How many minutes of a range were up, down and unknown, and in how many the probes disagreed (counted as up).</summary>
public readonly record struct MinuteCounts(int Up, int Down, int Unknown, int Disagreed)
{
    /// <summary>Minutes the probes measured: up or down.</summary>
    public int Measured => Up + Down;

    public int Total => Up + Down + Unknown;

    /// <summary>Up minutes in percent of the measured ones; null when none was measured.</summary>
    [JsonIgnore]
    public double? AvailabilityPercent => Measured == 0 ? null : 100.0 * Up / Measured;
}
