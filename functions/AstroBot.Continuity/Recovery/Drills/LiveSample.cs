using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>
/// The drills' check that a restore holds what it should: up to a sample size of live items last changed before the
/// restore's point (so the restored copy must hold them as they are), each compared with the restored item of the same
/// id. Used by the restore drill (a scratch database) and the native backup drill (a restored account).
/// </summary>
public static class LiveSample
{
    private const int PageSize = 100;
    private const int MaxPages = 20;

    public static async Task<SampleComparison> CompareAsync(Container live, Container restored, DateTimeOffset changedBefore, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(restored);
        if (size == 0)
        {
            return new SampleComparison(live.Id, 0, 0);
        }

        // The read feed, filtered here: a query would be cross-partition, which the local emulator cannot answer. _ts has
        // whole seconds: strictly before the second of the restore's point. A bounded number of pages, so a container
        // changed all over since then cannot keep the step going.
        var before = changedBefore.ToUnixTimeSeconds();
        var compared = 0;
        var differing = 0;
        using var iterator = live.GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = PageSize });
        for (var page = 0; page < MaxPages && iterator.HasMoreResults && compared < size; page++)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                if (compared == size || !(item.TryGetProperty("_ts", out var ts) && ts.GetInt64() < before))
                {
                    continue;
                }

                compared++;
                if (!await MatchesAsync(restored, item, cancellationToken).ConfigureAwait(false))
                {
                    differing++;
                }
            }
        }

        return new SampleComparison(live.Id, compared, differing);
    }

    private static async Task<bool> MatchesAsync(Container restored, JsonElement live, CancellationToken cancellationToken)
    {
        var id = live.GetProperty("id").GetString()!;
        var partitionKey = live.TryGetProperty("wa_id", out var waId) && waId.ValueKind == JsonValueKind.String ? new PartitionKey(waId.GetString()) : PartitionKey.None;
        using var read = await restored.ReadItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (read.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        read.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(read.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return CanonicalItem.From(document.RootElement).Json.AsSpan().SequenceEqual(CanonicalItem.From(live).Json);
    }
}
