using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// Counts the storage requests the Azure SDK sends while it is alive, by the table or queue they address, and times
/// each from its <c>Request</c> event to its response event (the <c>Azure-Core</c> event source), reads (GET) apart
/// from writes. Used only in untimed passes: the events cost time.
/// </summary>
internal sealed class StorageCallCounter : IDisposable
{
    private readonly AzureEventSourceListener listener;
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Read, DateTime SentAt)> inFlight = new(StringComparer.Ordinal);
    private readonly Lock timesLock = new();
    private (int Count, double Ms) reads;
    private (int Count, double Ms) writes;

    public StorageCallCounter() =>
        listener = new AzureEventSourceListener((e, _) => Observe(e), EventLevel.Informational);

    /// <summary>Requests so far to <paramref name="resource"/> (a table or queue name).</summary>
    public int this[string resource] => counts.GetValueOrDefault(resource);

    /// <summary>Answered reads (GET) and their mean time from request to response, in milliseconds.</summary>
    public (int Count, double MeanMs) Reads
    {
        get
        {
            lock (timesLock)
            {
                return (reads.Count, reads.Count > 0 ? reads.Ms / reads.Count : double.NaN);
            }
        }
    }

    /// <summary>Answered writes (POST, PUT, MERGE, DELETE) and their mean time from request to response, in milliseconds.</summary>
    public (int Count, double MeanMs) Writes
    {
        get
        {
            lock (timesLock)
            {
                return (writes.Count, writes.Count > 0 ? writes.Ms / writes.Count : double.NaN);
            }
        }
    }

    public void Dispose() => listener.Dispose();

    private void Observe(EventWrittenEventArgs e)
    {
        if (e.PayloadNames is null || e.Payload is null || Payload(e, "requestId") is not { } requestId)
        {
            return;
        }

        if (e.EventName == "Request" && Payload(e, "uri") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            counts.AddOrUpdate(Resource(uri), 1, (_, count) => count + 1);
            inFlight[requestId] = (Payload(e, "method") == "GET", e.TimeStamp);
        }
        else if (e.EventName is "Response" or "ErrorResponse" && inFlight.TryRemove(requestId, out var sent))
        {
            var ms = (e.TimeStamp - sent.SentAt).TotalMilliseconds;
            lock (timesLock)
            {
                if (sent.Read)
                {
                    reads = (reads.Count + 1, reads.Ms + ms);
                }
                else
                {
                    writes = (writes.Count + 1, writes.Ms + ms);
                }
            }
        }
    }

    private static string? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames!.IndexOf(name);
        return index >= 0 ? e.Payload![index]?.ToString() : null;
    }

    // http://127.0.0.1:10002/devstoreaccount1/ledger(PartitionKey='...',RowKey='...') or .../queue/messages: the name after the account.
    private static string Resource(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length > 1 ? segments[1] : uri.AbsolutePath;
        var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
        return Uri.UnescapeDataString(parenthesis >= 0 ? name[..parenthesis] : name);
    }
}
