using System.Globalization;
using Azure;
using Azure.Data.Tables;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// Every decision of the automated failover: the drill table (<c>Recovery:DrillTableName</c>, shared by both regions)
/// under a partition of its own, newest first (row keys are inverted ticks). The drills' rows are not mixed in: they
/// have their own partitions, and a drill is not an outage.
/// </summary>
public sealed class FailoverDecisionLog(StorageClients storage, IOptions<RecoveryOptions> options, TimeProvider time)
{
    private const string Partition = "auto-failover";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.DrillTableName);

    public async Task<FailoverDecision> RecordAsync(FailoverNote note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(note);
        var decision = new FailoverDecision(time.GetUtcNow(), note.Step, note.Said, note.Switched);
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - decision.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await table.AddEntityAsync(
            new TableEntity(Partition, rowKey)
            {
                [nameof(FailoverDecision.At)] = decision.At,
                [nameof(FailoverDecision.Step)] = decision.Step,
                [nameof(FailoverDecision.Said)] = decision.Said,
                [nameof(FailoverDecision.Switched)] = decision.Switched,
            },
            ct).ConfigureAwait(false);
        return decision;
    }

    /// <summary>The last <paramref name="count"/> decisions, newest first; none when there is no table yet.</summary>
    public async Task<IReadOnlyList<FailoverDecision>> RecentAsync(int count, CancellationToken ct)
    {
        var decisions = new List<FailoverDecision>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(count, 1000), cancellationToken: ct).ConfigureAwait(false))
            {
                decisions.Add(DecisionOf(row));
                if (decisions.Count == count)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }

        return decisions;
    }

    /// <summary>When the traffic was last moved (a failover or a fail-back), or null when never.</summary>
    public async Task<DateTimeOffset?> LastSwitchAsync(CancellationToken ct)
    {
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Switched eq {true}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: ct).ConfigureAwait(false))
            {
                return DecisionOf(row).At;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return null;
    }

    private static FailoverDecision DecisionOf(TableEntity row) => new(
        row.GetDateTimeOffset(nameof(FailoverDecision.At)) ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.GetString(nameof(FailoverDecision.Step)) ?? "",
        row.GetString(nameof(FailoverDecision.Said)) ?? "",
        row.GetBoolean(nameof(FailoverDecision.Switched)) ?? false);
}
