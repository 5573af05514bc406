using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Availability.Degradation;

/// <summary>What the inbox does when a dependency is down (section <c>Outage</c>; docs/availability.md, Graceful degradation).</summary>
public sealed class OutageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Outage";

    /// <summary>The default <see cref="Notice"/>.</summary>
    public const string DefaultNotice =
        "We're having a short delay. Your message is safe and will be answered as soon as we're back.";

    /// <summary>
    /// How long a dependency must keep failing (from its first failure to a later one) before the outage is declared and
    /// users who write are told: a blip shorter than this delays messages by a drain run and tells nobody. Default
    /// 1 minute (0 to 1 hour; 0 tells users at the first failure).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Outage:DeclareAfter must be between 0 and 1 hour")]
    public TimeSpan DeclareAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What each user who writes during a declared outage is told, once per outage. At most 1,024 characters.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Outage:Notice must not be empty")]
    [MaxLength(1024, ErrorMessage = "Outage:Notice must be at most 1,024 characters")]
    public string Notice { get; set; } = DefaultNotice;

    /// <summary>
    /// The table, in the region's own account (<c>Storage:RegionAccountName</c>), that holds the region's current or last
    /// outage and who was told of it. Default <c>inboxoutages</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Outage:TableName must be a table name: a letter, then 2-62 letters or digits")]
    public string TableName { get; set; } = "inboxoutages";
}
