using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Storage;

namespace AstroBot.Continuity.Backup;

/// <summary>Where backups go and how gently they read the bot's data (section <c>Backup</c>).</summary>
public sealed class BackupOptions : IValidatableObject
{
    public const string SectionName = "Backup";

    /// <summary>
    /// The backup storage account's connection string. Default: <c>UseDevelopmentStorage=true</c> (Azurite).
    /// Ignored when <see cref="AccountName"/> is set.
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>In Azure: the backup account (RA-GZRS, immutable), reached with the managed identity. Default: none.</summary>
    [RegularExpression("^[a-z0-9]{3,24}$", ErrorMessage = "Backup:AccountName must be 3-24 lowercase letters or digits.")]
    public string? AccountName { get; set; }

    /// <summary>How these settings reach the backup account (endpoints from <see cref="AccountName"/>, else the connection string).</summary>
    public StorageAccount GetAccount() => new(SectionName, AccountName, ConnectionString);

    /// <summary>
    /// The read-only secondary blob endpoint of the backup account, for verification from the other region.
    /// Default: none; locally <c>http://127.0.0.1:10000/devstoreaccount1-secondary</c> (Azurite serves it).
    /// </summary>
    public string? SecondaryBlobEndpoint { get; set; }

    /// <summary>The blob container that holds the archives. Default: "backups".</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Backup:ContainerName must be a valid blob container name.")]
    public string ContainerName { get; set; } = "backups";

    /// <summary>The table that catalogs every backup and its state. Default: "backups".</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Backup:CatalogTableName must be a valid table name.")]
    public string CatalogTableName { get; set; } = "backups";

    /// <summary>The table that records restore progress, so a restore resumes where it stopped. Default: "restores".</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Backup:RestoreTableName must be a valid table name.")]
    public string RestoreTableName { get; set; } = "restores";

    /// <summary>
    /// The table (in the backup account) where each backup run checkpoints its progress, so a run killed part-way is
    /// resumed by the next start instead of started over. Default: "backupruns".
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Backup:RunTableName must be a valid table name.")]
    public string RunTableName { get; set; } = "backupruns";

    /// <summary>
    /// The erasure journal (every erased user, forever), kept in the geo-redundant backup account next to the catalog.
    /// Default: "erasures".
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Backup:ErasureTableName must be a valid table name.")]
    public string ErasureTableName { get; set; } = "erasures";

    /// <summary>Uncompressed bytes of items per chunk before it is sealed and uploaded. Default: 4 MiB.</summary>
    // A chunk is cut at the end of the feed page that reaches this, so it can exceed it by up to a page.
    [Range(64 * 1024, 256 * 1024 * 1024, ErrorMessage = "Backup:ChunkBytes must be between 64 KiB and 256 MiB.")]
    public int ChunkBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How many chunks a restore checks or writes at once, in the Durable orchestration (the CLI goes one at a time).
    /// Each is one activity holding one chunk (at most <see cref="ChunkBytes"/> of items) in memory. Default: 8.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Backup:RestoreParallelism must be between 1 and 64.")]
    public int RestoreParallelism { get; set; } = 8;

    /// <summary>
    /// How long the backup and restore orchestrations wait before retrying an activity that failed (throttled, or a
    /// transient storage or Cosmos DB error), doubled at each of its 4 retries up to a minute. Default: 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Backup:RetryInterval must be between 1 ms and 1 minute.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one step of a backup run reads before it checkpoints and hands over to the next (it stops at the first
    /// page boundary after this). Each step is one function invocation, so this plus one page, one chunk upload and
    /// the step's start must stay well inside host.json's <c>functionTimeout</c> (10 minutes): hence at most 5
    /// minutes. Default: 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "Backup:SliceDuration must be between 1 ms and 5 minutes.")]
    public TimeSpan SliceDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many feed ranges (physical partitions) of one container a full backup reads at once, each paced to its
    /// share of the container's budget (<see cref="ThroughputShare"/>), as Cosmos DB spreads a container's throughput
    /// evenly over its partitions. Default: 4.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Backup:ParallelRanges must be between 1 and 64.")]
    public int ParallelRanges { get; set; } = 4;

    /// <summary>Items per read-feed or change-feed page. Default: 1000.</summary>
    [Range(1, 10_000, ErrorMessage = "Backup:PageSize must be between 1 and 10000.")]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// The share of a container's provisioned throughput a backup may spend per second. Default: 0.25 (a quarter),
    /// so live traffic keeps the rest; all backup requests are also sent at low priority.
    /// </summary>
    [Range(0.01, 1.0, ErrorMessage = "Backup:ThroughputShare must be between 0.01 and 1.")]
    public double ThroughputShare { get; set; } = 0.25;

    /// <summary>The RU/s budget when a container's throughput cannot be read (serverless, shared). Default: 400.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Backup:FallbackRequestUnitsPerSecond must be between 1 and 1000000.")]
    public double FallbackRequestUnitsPerSecond { get; set; } = 400;

    /// <summary>
    /// How long the single-run lease is held between renewals. Default: 60 s (15-60 s is what blob leases allow). A run
    /// that cannot renew it for this long stops; <c>continuity backup run</c> waits up to this plus 5 s for a lease
    /// that may belong to a run that died.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00", ErrorMessage = "Backup:LeaseDuration must be between 15 and 60 seconds.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Full backups kept one per day for this many days. Default: 7.</summary>
    [Range(1, 366)]
    public int KeepDaily { get; set; } = 7;

    /// <summary>Full backups kept one per ISO week for this many weeks. Default: 4.</summary>
    [Range(0, 520)]
    public int KeepWeekly { get; set; } = 4;

    /// <summary>Full backups kept one per month for this many months. Default: 12.</summary>
    [Range(0, 240)]
    public int KeepMonthly { get; set; } = 12;

    /// <summary>Alarm when the newest verified full backup is older than this. Default: 26 hours.</summary>
    public TimeSpan FullBackupMaxAge { get; set; } = TimeSpan.FromHours(26);

    /// <summary>Alarm when the newest incremental backup is older than this. Default: 30 minutes.</summary>
    public TimeSpan IncrementalBackupMaxAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Alarm when the backup account's geo-replication lags by more than this. Default: 15 minutes.</summary>
    public TimeSpan GeoReplicationMaxLag { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Restore tests restore into a scratch database named with this prefix. Default: "restore-test-".</summary>
    [Required(AllowEmptyStrings = false)]
    public string ScratchDatabasePrefix { get; set; } = "restore-test-";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SecondaryBlobEndpoint is { Length: > 0 } secondary
            && (!Uri.TryCreate(secondary, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Backup:SecondaryBlobEndpoint must be an absolute http(s) URL.", [nameof(SecondaryBlobEndpoint)]);
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(FullBackupMaxAge), FullBackupMaxAge), (nameof(IncrementalBackupMaxAge), IncrementalBackupMaxAge),
                     (nameof(GeoReplicationMaxLag), GeoReplicationMaxLag),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Backup:{name} must be positive.", [name]);
            }
        }
    }
}
