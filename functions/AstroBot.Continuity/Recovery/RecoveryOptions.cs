using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Recovery;

/// <summary>Disaster recovery: the objectives and the drills (section <c>Recovery</c>; docs/dr/README.md).</summary>
public sealed class RecoveryOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Recovery";

    /// <summary>
    /// The recovery objectives per scenario of the plan, <c>Recovery:Objectives:&lt;Scenario&gt;:Rto</c> and <c>:Rpo</c>;
    /// a setting overrides the default of its scenario (the plan's table), the rest stay.
    /// </summary>
    public Dictionary<string, RecoveryObjective> Objectives { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RegionOutageCompute"] = Objective("00:02:00", "00:00:00"),
        ["RegionOutageCosmos"] = Objective("00:30:00", "00:15:00"),
        ["RegionOutageStorage"] = Objective("02:00:00", "00:15:00"),
        ["DataCorruption"] = Objective("04:00:00", "00:05:00"),
        ["DeletedResources"] = Objective("04:00:00", "00:05:00"),
        ["CompromisedCredentials"] = Objective("08:00:00", "00:05:00"),
        ["KekLost"] = Objective("04:00:00", "00:00:00"),
        ["BackupAccountLost"] = Objective("04:00:00", "00:00:00"),
        ["MetaApiDown"] = Objective("01:00:00", "00:00:00"),
    };

    /// <summary>The table of the drill history and of the one-drill-at-a-time lock, in the account both regions share. Default <c>drills</c>.</summary>
    [Required(ErrorMessage = "Recovery:DrillTableName is required")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Recovery:DrillTableName must be a table name (3-63 letters or digits, starting with a letter)")]
    public string DrillTableName { get; set; } = "drills";

    /// <summary>
    /// True where the bot's database holds real users' data (Bicep sets it for production). Drills then refuse to start
    /// unless <see cref="ConfirmDrillsOnProductionData"/> is set too. Default false.
    /// </summary>
    public bool ProductionData { get; set; }

    /// <summary>The confirmation that drills may run where <see cref="ProductionData"/> is true. Default false.</summary>
    public bool ConfirmDrillsOnProductionData { get; set; }

    /// <summary>How many live items per container the restore drill compares with the restored ones. Default 20 (0 to 1,000).</summary>
    [Range(0, 1000, ErrorMessage = "Recovery:SampleSize must be between 0 and 1000")]
    public int SampleSize { get; set; } = 20;

    /// <summary>How late past its schedule a drill may be before <c>continuity dr status</c> calls it overdue. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00", ErrorMessage = "Recovery:OverdueGrace must be between 0 and 31 days")]
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a drill may hold the one-drill lock before another start takes it over as abandoned, even when nothing
    /// can tell whether its host still runs it (a drill run by the CLI). Default 12 hours (10 minutes to 7 days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00", ErrorMessage = "Recovery:DrillTimeout must be between 10 minutes and 7 days")]
    public TimeSpan DrillTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The objectives of <paramref name="scenario"/>.</summary>
    /// <exception cref="ArgumentException">The plan has no such scenario.</exception>
    public RecoveryObjective ObjectiveOf(string scenario) =>
        Objectives.TryGetValue(scenario, out var objective)
            ? objective
            : throw new ArgumentException($"Recovery:Objectives has no scenario '{scenario}' (known: {string.Join(", ", Objectives.Keys)}).", nameof(scenario));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (scenario, objective) in Objectives)
        {
            if (objective.Rto <= TimeSpan.Zero || objective.Rpo < TimeSpan.Zero)
            {
                yield return new ValidationResult(
                    $"Recovery:Objectives:{scenario} must have an Rto above zero and an Rpo of zero or more (TimeSpan, e.g. 04:00:00).");
            }
        }
    }

    private static RecoveryObjective Objective(string rto, string rpo) =>
        new() { Rto = TimeSpan.Parse(rto, System.Globalization.CultureInfo.InvariantCulture), Rpo = TimeSpan.Parse(rpo, System.Globalization.CultureInfo.InvariantCulture) };
}
