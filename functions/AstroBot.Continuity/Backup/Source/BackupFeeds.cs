using AstroBot.Continuity.Backup.Format;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup.Source;

/// <summary>The feeds a backup run reads the bot's containers through, paced to the run's share of their throughput.</summary>
internal sealed class BackupFeeds(CosmosClient client, string database, BackupOptions options, TimeProvider time)
{
    /// <summary>
    /// The container's feed, paced to <c>Backup:ThroughputShare</c> of its provisioned throughput, or
    /// <c>Backup:FallbackRequestUnitsPerSecond</c> when that cannot be read, divided between the
    /// <paramref name="sharedBy"/> feeds of it read at once.
    /// </summary>
    public async Task<ContainerFeed> PacedAsync(string container, FeedStatistics statistics, int sharedBy, CancellationToken cancellationToken) =>
        FeedOf(container, statistics, await BudgetForAsync(container, cancellationToken).ConfigureAwait(false) / Math.Max(1, sharedBy));

    /// <summary>The container's feed at the fallback budget: for the few requests that take a change-feed position.</summary>
    public ContainerFeed AtFallbackBudget(string container, FeedStatistics statistics) => FeedOf(container, statistics, options.FallbackRequestUnitsPerSecond);

    /// <summary>A full backup's successor reads from where the full started; an incremental's from where it ended.</summary>
    public static string ResumePosition(BackupManifest parent, string container)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var part = parent.Containers.SingleOrDefault(candidate => candidate.Name == container)
            ?? throw new BackupIntegrityException(parent.BackupId, $"it has no part for container {container}");
        return parent.Kind == BackupKind.Full ? part.ChangeFeedStart : part.ChangeFeedEnd;
    }

    private ContainerFeed FeedOf(string container, FeedStatistics statistics, double requestUnitsPerSecond) =>
        new(client.GetContainer(database, container), new RequestUnitBudget(requestUnitsPerSecond, time), statistics, options.PageSize, time);

    private async Task<double> BudgetForAsync(string container, CancellationToken cancellationToken)
    {
        try
        {
            var throughput = await client.GetContainer(database, container).ReadThroughputAsync(new RequestOptions(), cancellationToken).ConfigureAwait(false);
            var provisioned = throughput.Resource?.AutoscaleMaxThroughput ?? throughput.Resource?.Throughput;
            if (provisioned is > 0)
            {
                return provisioned.Value * options.ThroughputShare;
            }
        }
        catch (CosmosException)
        {
            // Serverless, database-level throughput or an emulator without offers: use the configured fallback.
        }

        return options.FallbackRequestUnitsPerSecond;
    }
}
