using System.Runtime.CompilerServices;

namespace AstroBot.Continuity.Backup.Source;

/// <summary>Reads the next page while the caller works on the current one, so reading a feed overlaps sealing and uploading.</summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> OneAhead<T>(this IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        var next = enumerator.MoveNextAsync().AsTask();
        try
        {
            while (await next.ConfigureAwait(false))
            {
                var current = enumerator.Current;
                next = enumerator.MoveNextAsync().AsTask();
                yield return current;
            }
        }
        finally
        {
            // Stopped early (a slice ends): the page read ahead is not wanted, but must end before the source goes.
            await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
