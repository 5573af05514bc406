namespace AstroBot.Continuity;

/// <summary>
/// The one table of log event ids (like Npgsql's <c>NpgsqlEventId</c>). Every <c>[LoggerMessage]</c> of the core
/// (<c>LogMessages</c>), of <c>AstroBot.Continuity.Local</c> and of the CLI takes its <c>EventId</c> from here, because
/// <c>continuity serve</c> runs all three in one process and an id must name one log line wherever it is read. Each
/// constant is named after the log message that uses it.
/// <para>
/// Ranges, by capability (the assembly that logs them in brackets when it is not the core):
/// WhatsApp protocol 1000-1199 (the Graph API client 1000-1099, the reply outbox 1100-1119);
/// front door and inbox 1200-1499 (webhook 1200-1299, inbox 1300-1399 with maintenance mode 1380-1399, the queue
/// workers and bot stand-in 1400-1499 [Local]);
/// the local front door, Azure Front Door's twin in front of two local regions, 1500-1599 [Local];
/// incidents and the status page 1600-1699;
/// the synthetic availability probe 1700-1799;
/// data 2000-2999 (Cosmos DB 2000, the seed 2001-2002 [Local]);
/// storage and hosting 3000-3999 (the local scheduler 3000-3099 [Local]);
/// crypto 4000-4999 (keyring and per-user keys);
/// backup and restore 5000-5999 (runs 5000-5009, verification 5010-5019, restore 5020-5029, restore test 5030-5039,
/// retention 5040-5049, health 5050-5059);
/// portability 6000-6999 (confirmations 6000-6099, exports 6100-6199, links 6200-6299, erasure 6300-6399,
/// imports 6400-6499);
/// identity directory 7000-7999;
/// the CLI and its local host 8000-8999 [CLI].
/// 9000 and up are free for the next capability.
/// </para>
/// <para>
/// Ids are stable: dashboards, queries and the operations guides name them, so an id is never changed or reused; a new
/// message takes the next free id of its range. The only renumbering so far: the CLI's two messages were 5000 and 5001,
/// the ids of two backup messages that run in the same <c>continuity serve</c> process, and are 8000 and 8001 since.
/// <c>ContinuityEventIdTests</c> (in the core's tests and, over all three assemblies, in the CLI's) fail when two
/// messages share an id, when a message's id is not in this table, or when a constant here is not used exactly once.
/// </para>
/// </summary>
public static class ContinuityEventId
{
    // WhatsApp protocol (Graph API client): 1000-1199.
    public const int GraphMessageSent = 1000;
    public const int GraphSendRetrying = 1001;
    public const int GraphSendFailed = 1002;
    public const int GraphBsuidRecipientRefused = 1003;

    // The reply outbox (WhatsApp/Outbox): 1100-1119.
    public const int ReplyQueuedGraphUnavailable = 1100;
    public const int ReplyQueuedBehindWaiting = 1101;
    public const int OutboxReplySent = 1102;
    public const int OutboxGraphStillUnavailable = 1103;
    public const int OutboxEntryUnreadable = 1104;
    public const int OutboxEntryRefused = 1105;
    public const int OutboxDrained = 1106;
    public const int OutboxUnreadable = 1107;

    // Front door (webhook): 1200-1299.
    public const int WebhookRecorded = 1200;
    public const int WebhookVerified = 1201;
    public const int WebhookVerificationRejected = 1202;
    public const int WebhookChallengeMissing = 1203;
    public const int WebhookBodyTooLarge = 1204;
    public const int WebhookSignatureRejected = 1205;
    public const int WebhookPayloadInvalid = 1206;
    public const int WebhookRecordFailed = 1207;
    public const int WebhookBodyUnreadable = 1208;
    public const int StorageNotReadyAtStart = 1209;

    // Inbox: 1300-1399.
    public const int InboxMessageDuplicate = 1300;
    public const int InboxMessageRacedDuplicate = 1301;
    public const int InboxMessageRoutedToBot = 1302;
    public const int InboxCommandHandled = 1303;
    public const int InboxStatusApplied = 1304;
    public const int InboxMetaErrorReported = 1305;
    public const int LedgerPruned = 1306;
    public const int PoisonQueueChecked = 1307;
    public const int PoisonMessagesKeptForever = 1308;
    public const int PoisonRedriven = 1309;
    public const int PoisonRedriveStopped = 1310;

    // Outages of the inbox's dependencies (Availability/Degradation): 1360-1379.
    public const int OutageWebhookParked = 1360;
    public const int OutageDeclared = 1361;
    public const int OutageNotRecorded = 1362;
    public const int OutageResolved = 1363;
    public const int HeldMessageWaitsForDependency = 1364;
    public const int StatusesDeferred = 1365;

    // Maintenance mode (Availability/Maintenance): 1380-1399.
    public const int MaintenanceStarted = 1380;
    public const int MaintenanceStopped = 1381;
    public const int MaintenanceWebhookHeld = 1382;
    public const int NoticeSent = 1383; // a maintenance window's or an outage's notice (Availability/Notices)
    public const int NoticeFailed = 1384;
    public const int MaintenanceDrained = 1385;
    public const int MaintenanceHeldMessageFailed = 1386;
    public const int MaintenanceHeldMessagePoisoned = 1387;
    public const int MaintenanceWindowUnreadable = 1388;

    // The queue workers that play the Functions queue triggers, and the bot stand-in (AstroBot.Continuity.Local): 1400-1499.
    public const int QueueDrainStarted = 1400;
    public const int QueueDrainStopped = 1401;
    public const int QueuePollFailed = 1402;
    public const int QueueMessageFailed = 1403;
    public const int QueueMessagePoisoned = 1404;
    public const int StandInReplied = 1405;

    // The local front door, Azure Front Door's twin in front of two local regions (AstroBot.Continuity.Local): 1500-1599.
    public const int LocalFrontDoorStarted = 1500;
    public const int OriginUnhealthy = 1501;
    public const int OriginRestoring = 1502;
    public const int OriginInService = 1503;
    public const int RouteChanged = 1504;
    public const int NoOriginAvailable = 1505;
    public const int PrioritiesChanged = 1506;

    // Incidents (Availability/Incidents) 1600-1649 and the status page (Availability/Status) 1650-1699.
    public const int IncidentOpened = 1600;
    public const int IncidentResolved = 1601;
    public const int IncidentUnreadable = 1602;
    public const int IncidentUserRecorded = 1603;
    public const int IncidentUserNotRecorded = 1604;
    public const int IncidentNoticeSent = 1605;
    public const int IncidentNoticeFailed = 1606;
    public const int IncidentNoticesRun = 1607;
    public const int IncidentNoticesDone = 1608;
    public const int IncidentRuleFailed = 1609;
    public const int IncidentAlertReceived = 1610;
    public const int StatusPartUnknown = 1650;

    // The synthetic availability probe (Availability/Probe): 1700-1799.
    public const int ProbeCompleted = 1700;
    public const int ProbeOff = 1701;
    public const int ProbeNotRecorded = 1702;
    public const int ProbeHandedOver = 1703;
    public const int ProbeMessageUnknown = 1704;
    public const int ProbeMessageDuplicate = 1705;
    public const int ProbeIdentityChangeIgnored = 1706;
    public const int ProbeRecordsPruned = 1707;

    // Drills (Recovery/Drills): 1800-1899.
    public const int DrillStarted = 1800;
    public const int DrillRefused = 1801;
    public const int DrillPassed = 1802;
    public const int DrillNotPassed = 1803;

    // Automated failover (Recovery/Failover): 1850-1859.
    public const int AutoFailoverSignalled = 1850;
    public const int AutoFailoverTriggerFailed = 1851;

    // Data (Cosmos DB access): 2000-2999; the seed (AstroBot.Continuity.Local) 2001-2002.
    public const int CosmosNotReady = 2000;
    public const int SeedStarted = 2001;
    public const int SeedCompleted = 2002;

    // Storage and hosting: 3000-3999; the local scheduler (AstroBot.Continuity.Local) 3000-3099.
    public const int ScheduledJobStarting = 3000;
    public const int ScheduledJobCompleted = 3001;
    public const int ScheduledJobFailed = 3002;
    public const int ScheduledJobScheduled = 3003;
    public const int ScheduledJobCatchingUp = 3004;
    public const int ScheduleLedgerUnreadable = 3005;
    public const int ScheduleLedgerNotWritten = 3006;

    // Crypto (keyring and per-user keys): 4000-4999.
    public const int KeyRingLoaded = 4000;

    // Backup and restore: 5000-5999. Runs 5000-5009.
    public const int BackupStarting = 5000;
    public const int BackupCommitted = 5001;
    public const int BackupFailed = 5002;
    public const int BackupSkippedLeaseHeld = 5003;
    public const int AbandonedBackupRemoved = 5004;
    public const int BackupUserKeysUnreadable = 5005;
    public const int BackupWaitingForLease = 5006;
    public const int BackupLeaseLostBeforeStart = 5007;
    public const int BackupResuming = 5008;
    public const int BackupFailureLeftToLeaseHolder = 5009;

    // Verification 5010-5019.
    public const int BackupVerified = 5010;

    // Restore 5020-5029.
    public const int RestoreStarting = 5020;
    public const int RestoreCompleted = 5021;
    public const int RestoreTargetCreated = 5022;
    public const int RestoreUsedKeyCopies = 5025;

    // Restore test 5030-5039.
    public const int RestoreTested = 5030;

    // Retention 5040-5049.
    public const int BackupPruned = 5040;
    public const int BackupPruneSkippedImmutable = 5041;
    public const int BackupPruneSkippedLeaseHeld = 5042;
    public const int BackupPruneCompleted = 5043;
    public const int BackupPruneStoppedLeaseLost = 5044;

    // Health 5050-5059.
    public const int BackupUnhealthy = 5050;

    // Backup orchestrations 5060-5069.
    public const int BackupOrchestrationStarted = 5060;
    public const int BackupOrchestrationAlreadyRunning = 5061;

    // Portability: 6000-6999. Confirmations 6000-6099.
    public const int ConfirmationAsked = 6000;
    public const int ConfirmationAccepted = 6001;
    public const int ConfirmationCancelled = 6002;
    public const int ConfirmationExpired = 6003;
    public const int ConfirmationRedelivered = 6004;

    // Exports 6100-6199.
    public const int ExportRequestQueued = 6100;
    public const int ExportScheduled = 6101;
    public const int ExportDuplicateSkipped = 6102;
    public const int ExportRestarted = 6103;
    public const int ExportBuilt = 6104;
    public const int ExportAbandoned = 6105;
    public const int ExportFailed = 6106;

    // Links 6200-6299.
    public const int ExportLinkSigned = 6200;
    public const int ExportLinkSent = 6201;
    public const int ExportLinkResent = 6202;
    public const int ExportLinkHeldBack = 6203;

    // Erasure 6300-6399.
    public const int UserErasedThroughWhatsApp = 6300;

    // Imports 6400-6499.
    public const int AdminImportDone = 6400;
    public const int AdminImportRefused = 6401;

    // Identity directory: 7000-7999.
    public const int IdentityPersonCreated = 7000;
    public const int IdentityLinked = 7001;
    public const int IdentityConflictRecorded = 7002;
    public const int IdentityRecycledNumber = 7003;
    public const int IdentityChangeApplied = 7004;
    public const int IdentityChangeWithoutIdentifiers = 7005;
    public const int IdentityUndocumentedBsuid = 7006;

    // The CLI and its local host (continuity serve): 8000-8999. 8000 and 8001 were 5000 and 5001, the ids of
    // BackupStarting and BackupCommitted, until the table was made.
    public const int GraphSinkStarted = 8000;
    public const int LocalResourceUnavailable = 8001;
}
