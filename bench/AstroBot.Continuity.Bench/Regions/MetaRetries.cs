using System.Collections.Concurrent;
using System.Diagnostics;
using AstroBot.Continuity.Bench.Scenarios;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>
/// Delivers a webhook as Meta does: anything but a 200 (another status, a refused or broken connection, no answer in
/// time) is sent again, the same wamid and the same signed body, after a back-off that doubles at each attempt. Meta
/// backs off over minutes to hours and keeps trying for 7 days; here the back-off is compressed to
/// <see cref="RegionsBenchSettings.FirstRetry"/> doubling up to <see cref="RegionsBenchSettings.MaxRetry"/>, and a
/// webhook is given up after <see cref="GiveUpAfter"/>. Every attempt is recorded on the timeline's clock.
/// </summary>
internal sealed class MetaRetries(WebhookPoster poster, Uri endpoint, RegionsBenchSettings settings, long zero)
{
    /// <summary>A webhook not acknowledged this long after its first send is given up (and reported).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentQueue<Attempt> attempts = new();

    /// <summary>Every attempt so far, in no particular order.</summary>
    public IReadOnlyList<Attempt> Attempts => [.. attempts];

    /// <summary>Sends webhook <paramref name="index"/> until it is acknowledged; false when it was given up.</summary>
    public async Task<bool> DeliverAsync(int index, SignedWebhook webhook, CancellationToken ct)
    {
        var backOff = settings.FirstRetry;
        var first = Now();
        for (var number = 1; ; number++)
        {
            var sent = Now();
            var status = await poster.SendAsync(endpoint, webhook, ct).ConfigureAwait(false);
            attempts.Enqueue(new Attempt(index, number, sent, Now(), status));
            if (status == 200)
            {
                return true;
            }

            if (Now() - first > GiveUpAfter)
            {
                return false;
            }

            await Task.Delay(backOff, ct).ConfigureAwait(false);
            backOff = backOff * 2 < settings.MaxRetry ? backOff * 2 : settings.MaxRetry;
        }
    }

    private TimeSpan Now() => Stopwatch.GetElapsedTime(zero);
}
