using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup.Source;

/// <summary>
/// Reads one container for a backup, gently: every request is low priority (the backup's own client sets it),
/// paced by a <see cref="RequestUnitBudget"/>, and a 429 is waited out (the server's retry-after, else a growing
/// back-off) and the same page asked again from the last continuation, so nothing is skipped or read twice.
/// </summary>
public sealed class ContainerFeed(Container container, RequestUnitBudget budget, FeedStatistics statistics, int pageSize, TimeProvider time)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    /// <summary>Every item, through the read feed; from <paramref name="continuation"/> when a run resumes.</summary>
    /// <param name="feedRange">One feed range of the container (<see cref="FeedRange.ToJsonString"/>); null for all of it.</param>
    public IAsyncEnumerable<FeedPage> ReadAllAsync(CancellationToken cancellationToken, string? continuation = null, string? feedRange = null) =>
        ReadPagesAsync(
            token => feedRange is null
                ? container.GetItemQueryStreamIterator((string?)null, token, new QueryRequestOptions { MaxItemCount = pageSize })
                : container.GetItemQueryStreamIterator(FeedRange.FromJsonString(feedRange), queryDefinition: null, token, new QueryRequestOptions { MaxItemCount = pageSize }),
            start: continuation,
            cancellationToken);

    /// <summary>The container's feed ranges now (one per physical partition), in their JSON form, for reading each on its own.</summary>
    public async Task<IReadOnlyList<string>> FeedRangesAsync(CancellationToken cancellationToken) =>
        [.. (await container.GetFeedRangesAsync(cancellationToken).ConfigureAwait(false)).Select(range => range.ToJsonString())];

    /// <summary>The latest version of every item changed after <paramref name="position"/>, through the change feed.</summary>
    public IAsyncEnumerable<FeedPage> ReadChangesAsync(string position, CancellationToken cancellationToken) =>
        ReadPagesAsync(
            continuation => container.GetChangeFeedStreamIterator(
                ChangeFeedStartFrom.ContinuationToken(continuation), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = pageSize }),
            start: position,
            cancellationToken);

    /// <summary>The change feed's current position: where an incremental after this moment starts.</summary>
    public async Task<string> CurrentPositionAsync(CancellationToken cancellationToken)
    {
        string? position = null;
        await foreach (var page in ReadPagesAsync(
                           continuation => continuation is null
                               ? container.GetChangeFeedStreamIterator(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion)
                               : container.GetChangeFeedStreamIterator(ChangeFeedStartFrom.ContinuationToken(continuation), ChangeFeedMode.LatestVersion),
                           start: null,
                           cancellationToken).ConfigureAwait(false))
        {
            position = page.Continuation;
        }

        return position ?? throw new InvalidOperationException($"The change feed of container {container.Id} gave no position.");
    }

    private async IAsyncEnumerable<FeedPage> ReadPagesAsync(
        Func<string?, FeedIterator> open, string? start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var continuation = start;
        var iterator = open(continuation);
        var backOff = TimeSpan.FromMilliseconds(100);
        try
        {
            while (iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                statistics.AddCharge(response.Headers.RequestCharge);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    statistics.AddThrottle();
                    await Task.Delay(RetryAfter(response) ?? backOff, time, cancellationToken).ConfigureAwait(false);
                    backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
                    iterator.Dispose();
                    iterator = open(continuation);
                    continue;
                }

                backOff = TimeSpan.FromMilliseconds(100);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    // The end of the change feed for now: the position to resume from next time.
                    yield return new FeedPage([], response.ContinuationToken, Last: true);
                    yield break;
                }

                response.EnsureSuccessStatusCode();
                var items = await ParseAsync(response.Content, cancellationToken).ConfigureAwait(false);
                continuation = response.ContinuationToken;
                await budget.SpendAsync(response.Headers.RequestCharge, cancellationToken).ConfigureAwait(false);
                yield return new FeedPage(items, continuation, Last: !iterator.HasMoreResults);
            }
        }
        finally
        {
            iterator.Dispose();
        }
    }

    private static TimeSpan? RetryAfter(ResponseMessage response) =>
        double.TryParse(response.Headers["x-ms-retry-after-ms"], NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxBackOff.TotalMilliseconds))
            : null;

    private static async Task<IReadOnlyList<CanonicalItem>> ParseAsync(Stream content, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("Documents", out var documents)
            ? [.. documents.EnumerateArray().Select(CanonicalItem.From)]
            : [];
    }
}
