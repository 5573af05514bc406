namespace AstroBot.Continuity.Hosting;

/// <summary>
/// Every schedule: the app setting that overrides it and its default six-field NCRONTAB expression (second minute
/// hour day month day-of-week, UTC). Both hosts read the same setting: the Functions app through
/// <c>%Name%</c> in its trigger attributes (the <c>*Trigger</c> constants), the local host through
/// <see cref="ScheduleSetting.Resolve"/> in the local host's <c>ScheduledJobRunner</c> (AstroBot.Continuity.Local).
/// </summary>
public static class Schedules
{
    // Attribute arguments must be constants; a test pins each one to its setting's TriggerExpression.
    public const string MessageLedgerPruneTrigger = "%MessageLedgerPruneSchedule%";
    public const string BackupFullTrigger = "%BackupFullSchedule%";
    public const string BackupIncrementalTrigger = "%BackupIncrementalSchedule%";
    public const string BackupVerifyTrigger = "%BackupVerifySchedule%";
    public const string BackupRestoreTestTrigger = "%BackupRestoreTestSchedule%";
    public const string BackupPruneTrigger = "%BackupPruneSchedule%";
    public const string BackupStatusTrigger = "%BackupStatusSchedule%";
    public const string InboxPoisonWatchTrigger = "%InboxPoisonWatchSchedule%";
    public const string AvailabilityProbeTrigger = "%AvailabilityProbeSchedule%";
    public const string MaintenanceDrainTrigger = "%MaintenanceDrainSchedule%";
    public const string OutboxDrainTrigger = "%OutboxDrainSchedule%";
    public const string IncidentNoticesTrigger = "%IncidentNoticesSchedule%";
    public const string AvailabilityProbePruneTrigger = "%AvailabilityProbePruneSchedule%";
    public const string RestoreDrillTrigger = "%RestoreDrillSchedule%";
    public const string FailoverDrillTrigger = "%FailoverDrillSchedule%";
    public const string NativeBackupDrillTrigger = "%NativeBackupDrillSchedule%";

    /// <summary>Daily at 03:30 UTC: forget ledger rows older than <c>FrontDoor:LedgerRetention</c>.</summary>
    public static readonly ScheduleSetting MessageLedgerPrune = new("MessageLedgerPruneSchedule", "0 30 3 * * *");

    /// <summary>Daily at 02:00 UTC: a full backup.</summary>
    public static readonly ScheduleSetting BackupFull = new("BackupFullSchedule", "0 0 2 * * *");

    /// <summary>Every 5 minutes: an incremental backup.</summary>
    public static readonly ScheduleSetting BackupIncremental = new("BackupIncrementalSchedule", "0 */5 * * * *");

    /// <summary>Daily at 04:00 UTC: deep verification of the backups.</summary>
    public static readonly ScheduleSetting BackupVerify = new("BackupVerifySchedule", "0 0 4 * * *");

    /// <summary>Weekly, Sunday at 05:00 UTC: a test restore.</summary>
    public static readonly ScheduleSetting BackupRestoreTest = new("BackupRestoreTestSchedule", "0 0 5 * * 0");

    /// <summary>Daily at 03:00 UTC: delete backups past retention.</summary>
    public static readonly ScheduleSetting BackupPrune = new("BackupPruneSchedule", "0 0 3 * * *");

    /// <summary>Every 5 minutes: refresh the backup-age metrics.</summary>
    public static readonly ScheduleSetting BackupStatus = new("BackupStatusSchedule", "0 */5 * * * *");

    /// <summary>Every 5 minutes: count the user-message queues and their poison queues (the poison alert), keep poisoned messages from expiring.</summary>
    public static readonly ScheduleSetting InboxPoisonWatch = new("InboxPoisonWatchSchedule", "0 */5 * * * *");

    /// <summary>Every minute, in each region: the synthetic availability probe (a signed webhook through the public endpoint).</summary>
    public static readonly ScheduleSetting AvailabilityProbe = new("AvailabilityProbeSchedule", "0 * * * * *");

    /// <summary>Every 30 seconds: once no maintenance window is active, process what the region's held queue holds (Availability/Maintenance).</summary>
    public static readonly ScheduleSetting MaintenanceDrain = new("MaintenanceDrainSchedule", "*/30 * * * * *");

    /// <summary>Every 30 seconds: send the replies waiting in the reply outbox, in order per user (WhatsApp/Outbox).</summary>
    public static readonly ScheduleSetting OutboxDrain = new("OutboxDrainSchedule", "*/30 * * * * *");

    /// <summary>Every minute at second 30, in each region: tell the users who wrote during a resolved incident (Availability/Incidents).</summary>
    public static readonly ScheduleSetting IncidentNotices = new("IncidentNoticesSchedule", "30 * * * * *");

    /// <summary>Daily at 04:30 UTC, in each region: delete probe records older than <c>Availability:ProbeRetention</c>.</summary>
    public static readonly ScheduleSetting AvailabilityProbePrune = new("AvailabilityProbePruneSchedule", "0 30 4 * * *");

    /// <summary>Monthly, the 1st at 06:00 UTC: the restore drill (Recovery/Drills).</summary>
    public static readonly ScheduleSetting RestoreDrill = new("RestoreDrillSchedule", "0 0 6 1 * *");

    /// <summary>Quarterly, the 1st of January, April, July and October at 07:00 UTC: the failover drill (Recovery/Drills).</summary>
    public static readonly ScheduleSetting FailoverDrill = new("FailoverDrillSchedule", "0 0 7 1 1,4,7,10 *");

    /// <summary>
    /// Quarterly, the 15th of February, May, August and November at 08:00 UTC: the native backup drill (Recovery/Drills),
    /// <b>off unless the deployment turns it on</b>. Its Resource Manager roles are granted only with Bicep's
    /// <c>grantNativeRestoreDrill</c> (too broad for the identity that serves users), so without them every run would fail
    /// with a 403: Bicep keeps the timer disabled (<c>AzureWebJobs_NativeBackupDrill_Disabled</c>) unless that parameter is
    /// true, and the local host, which has no Resource Manager, does not schedule it. An impossible date (30 February) is
    /// not used as "never": the Functions host's NCrontab throws on it.
    /// </summary>
    public static readonly ScheduleSetting NativeBackupDrill = new("NativeBackupDrillSchedule", "0 0 8 15 2,5,8,11 *");

    /// <summary>Every schedule, for configuration samples and tests.</summary>
    public static IReadOnlyList<ScheduleSetting> All { get; } =
        [MessageLedgerPrune, BackupFull, BackupIncremental, BackupVerify, BackupRestoreTest, BackupPrune, BackupStatus, InboxPoisonWatch, MaintenanceDrain, OutboxDrain, AvailabilityProbe, AvailabilityProbePrune, IncidentNotices, RestoreDrill, FailoverDrill, NativeBackupDrill];
}
