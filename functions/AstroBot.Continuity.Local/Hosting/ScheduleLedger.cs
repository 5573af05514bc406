using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Local.Hosting;

/// <summary>
/// The last occurrence each scheduled job completed, one row per job (<c>("schedule", job name)</c>) in table
/// <see cref="TableName"/>: what lets <see cref="ScheduledJobRunner"/> run an occurrence missed while the host was
/// down, as Azure Functions' timer <c>UseMonitor</c> keeps schedule status in storage for the same purpose.
/// Storage errors propagate; the runner decides that a ledger it cannot reach only costs the catch-up.
/// </summary>
public sealed class ScheduleLedger
{
    public const string TableName = "schedules";

    private const string PartitionKey = "schedule";
    private const string LastOccurrenceField = "LastOccurrence";

    private readonly TableClient table;
    private volatile bool tableExists;

    public ScheduleLedger(StorageClients storage)
        : this(storage, TableName)
    {
    }

    // Tests give every test its own table.
    internal ScheduleLedger(StorageClients storage, string tableName)
    {
        ArgumentNullException.ThrowIfNull(storage);
        table = storage.Tables.GetTableClient(tableName);
    }

    /// <summary>The last occurrence <paramref name="jobName"/> completed, or null when it never has.</summary>
    public async Task<DateTimeOffset?> GetLastOccurrenceAsync(string jobName, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, jobName, [LastOccurrenceField], cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetDateTimeOffset(LastOccurrenceField) : null;
    }

    /// <summary>Records that <paramref name="jobName"/> completed its run for <paramref name="occurrence"/>.</summary>
    public async Task RecordAsync(string jobName, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(PartitionKey, jobName) { [LastOccurrenceField] = occurrence };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    // Created on first use, not at start-up: storage that is down then costs a catch-up, never the host's start.
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            tableExists = true;
        }
    }
}
