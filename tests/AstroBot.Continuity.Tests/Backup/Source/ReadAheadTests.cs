using System.Runtime.CompilerServices;
using AstroBot.Continuity.Backup.Source;

namespace AstroBot.Continuity.Tests.Backup.Source;

public sealed class ReadAheadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly List<string> events = [];

    [Fact]
    public async Task OneAhead_WhileTheCallerWorksOnAPage_TheNextIsAlreadyBeingRead()
    {
        await foreach (var page in Pages(3).OneAhead())
        {
            events.Add($"work {page}");
        }

        // Page n+1 is asked for before the caller starts on page n (and the source's end before the last page's work).
        Assert.Equal(["read 1", "read 2", "work 1", "read 3", "work 2", "disposed", "work 3"], events);
    }

    [Fact]
    public async Task OneAhead_CallerStopsEarly_TheReadInFlightEndsBeforeTheSourceIsDisposed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopping = Task.Run(async () =>
        {
            await foreach (var page in Pages(3, blockRead: 2, release.Task).OneAhead())
            {
                events.Add($"work {page}");
                worked.SetResult();
                break;
            }
        });

        // The caller stops while the read of page 2 hangs; the source is disposed only once that read ends.
        await worked.Task.WaitAsync(Bound);
        release.SetResult();
        await stopping.WaitAsync(Bound);
        Assert.Equal(["read 1", "read 2", "work 1", "read 2 done", "disposed"], events);
    }

    private async IAsyncEnumerable<int> Pages(int count, int blockRead = 0, Task? release = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var page = 1; page <= count; page++)
            {
                lock (events)
                {
                    events.Add($"read {page}");
                }

                if (page == blockRead)
                {
                    await release!;
                    events.Add($"read {page} done");
                }

                await Task.Yield();
                yield return page;
            }
        }
        finally
        {
            events.Add("disposed");
        }
    }
}
