using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// The native backup drill (section <c>Recovery:NativeBackupDrill</c>): how far back it restores and how it follows the
/// restore. Where it acts is <c>Recovery:ResourceManager</c>.
/// </summary>
public sealed class NativeBackupDrillOptions
{
    public const string SectionName = "Recovery:NativeBackupDrill";

    /// <summary>
    /// How long before the drill's start its restore point is: the continuous backup must have caught up with it (its
    /// latest restorable time trails the writes), and it is also the RPO the drill reports. Default 5 minutes, the
    /// scenario's objective (0 to 1 day).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Recovery:NativeBackupDrill:RestorePointAge must be between 0 and 1 day")]
    public TimeSpan RestorePointAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The durable timer between two polls of the restore or the deletion; a longer <c>Retry-After</c> from Azure wins.
    /// Default 1 minute (0 to 30 minutes): a restore takes from minutes to hours, each poll is a line of Durable history.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Recovery:NativeBackupDrill:PollInterval must be between 0 and 30 minutes")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the restore, and then the deletion, may take before the drill gives up on it. Default 6 hours (1 minute to
    /// 11 hours: under <c>Recovery:DrillTimeout</c>'s 12-hour default, after which another start takes the drill over).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "11:00:00", ErrorMessage = "Recovery:NativeBackupDrill:Timeout must be between 1 minute and 11 hours")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(6);
}
