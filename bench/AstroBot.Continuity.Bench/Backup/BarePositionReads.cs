using System.Diagnostics;
using AstroBot.Continuity.Backup.Source;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The change-feed positions a full backup takes, alone: two per container (when the run is planned, and at the
/// container's end), through the product's own <see cref="ContainerFeed"/> and the backup's client, unpaced.
/// </summary>
internal static class BarePositionReads
{
    public static async Task<TimeSpan> RunAsync(CosmosClient client, string database, int pageSize, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var definition in BotDataModel.Containers)
        {
            var feed = new ContainerFeed(
                client.GetContainer(database, definition.Name), new RequestUnitBudget(1_000_000, TimeProvider.System), new FeedStatistics(), pageSize, TimeProvider.System);
            await feed.CurrentPositionAsync(ct).ConfigureAwait(false);
            await feed.CurrentPositionAsync(ct).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }
}
