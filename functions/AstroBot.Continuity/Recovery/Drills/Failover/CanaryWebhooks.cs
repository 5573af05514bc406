using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The failover drill's webhooks: each one the availability probe's webhook (<see cref="ProbeWebhookSender"/>, from the
/// reserved probe user, signed as Meta signs), sent to the public endpoint (<c>Availability:PublicBaseUrl</c>: Front
/// Door, or the local front door) after its row is written in the probe table as a canary
/// (<see cref="ProbeTable.StartCanaryAsync"/>). The inbox of whichever region processes it marks that row with the time
/// and its region (<see cref="ProbeInbox"/>), never the bot: so a canary shows which region acknowledged it and that
/// what was acknowledged was processed; that mark, in the account both regions share, is the canary's write.
/// </summary>
public sealed class CanaryWebhooks(ProbeTable table, ProbeWebhookSender sender, IOptions<ProbeOptions> probe, IOptions<FailoverDrillOptions> options, TimeProvider time)
{
    /// <summary>The public endpoint the webhooks go to; null when <c>Availability:PublicBaseUrl</c> is not set.</summary>
    public Uri? PublicEndpoint => probe.Value.PublicBaseUri;

    /// <summary>Writes a canary's row and sends its webhook; a row that cannot be written is a canary not acknowledged (nothing could mark it).</summary>
    public async Task<SentCanary> SendAsync(string drillId, CancellationToken ct)
    {
        var endpoint = PublicEndpoint ?? throw new InvalidOperationException("Availability:PublicBaseUrl is not set: the drill's webhooks go to the public endpoint.");
        var sentAt = time.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        try
        {
            await table.StartCanaryAsync(wamid, sentAt, drillId, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            return new SentCanary(wamid, sentAt, new ProbeAcknowledgement(false, null, TimeSpan.Zero, $"its row in the probe table could not be written ({exception.GetType().Name})"));
        }

        return new SentCanary(wamid, sentAt, await sender.SendAsync(endpoint, wamid, sentAt, ct).ConfigureAwait(false));
    }

    /// <summary>Where and when the canary was processed, looking every <c>Recovery:Failover:CanaryInterval</c> for at most <paramref name="wait"/>; null when it was not.</summary>
    public async Task<ProbeHandOver?> WaitForHandOverAsync(SentCanary canary, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canary);
        var started = time.GetTimestamp();
        while (true)
        {
            if (await HandOverAsync(canary, ct).ConfigureAwait(false) is { } handOver)
            {
                return handOver;
            }

            if (time.GetElapsedTime(started) >= wait)
            {
                return null;
            }

            await Task.Delay(options.Value.CanaryInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Where and when the canary was processed; null when it was not yet (or its row cannot be read now).</summary>
    public async Task<ProbeHandOver?> HandOverAsync(SentCanary canary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canary);
        try
        {
            return await table.GetHandOverAsync(canary.Wamid, canary.SentAt, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception) && !ct.IsCancellationRequested)
        {
            return null; // looked at again on the next round
        }
    }
}

/// <summary>A canary sent: its probe wamid, when, and how the endpoint answered.</summary>
public sealed record SentCanary(string Wamid, DateTimeOffset SentAt, ProbeAcknowledgement Acknowledgement);
