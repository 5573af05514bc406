using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>The automated failover (section <c>Recovery:AutoFailover</c>; docs/dr/README.md, "Automated failover").</summary>
public sealed class AutoFailoverOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Recovery:AutoFailover";

    /// <summary>
    /// Whether a signal (the paging alert, the probe) starts the automated failover. Default false: a switch of the
    /// traffic is a decision with a cost (a fail-back, RPO of up to 15 minutes for Cosmos DB's forced failover), and an
    /// automaton that takes it must first be seen to decide well in drills; until then signals are recorded as ignored.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How long a first signal waits for a second, independent one before standing down. Default 5 minutes (1 second to 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Recovery:AutoFailover:ConfirmWithin must be between 1 second and 1 hour")]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the approval gate waits for a person (<c>continuity failover approve|reject</c>); then, when the outage
    /// persists, it proceeds on its own. Default 10 minutes (1 second to 4 hours).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "04:00:00", ErrorMessage = "Recovery:AutoFailover:ApprovalWait must be between 1 second and 4 hours")]
    public TimeSpan ApprovalWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The no-flapping rule: no automated failover within this of the last failover or fail-back recorded; a person
    /// decides then. Default 1 hour (0 to 7 days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Recovery:AutoFailover:MinimumInterval must be between 0 and 7 days")]
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The probe's evidence: the primary counts as failing when every completed probe record of this long was down (and
    /// at least two were). Default 3 minutes (1 minute to 1 hour).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Recovery:AutoFailover:FailingFor must be between 1 minute and 1 hour")]
    public TimeSpan FailingFor { get; set; } = TimeSpan.FromMinutes(3);
}
