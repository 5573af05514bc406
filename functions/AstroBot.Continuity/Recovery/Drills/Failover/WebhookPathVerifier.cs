using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// Checks the webhook path end to end through one region: sends webhooks to the public endpoint, one every
/// <c>Recovery:Failover:CanaryInterval</c>, until one is acknowledged and processed in that region, for at most
/// <c>Recovery:Failover:SwitchTimeout</c>. After a switch this is also how the drill knows the traffic moved.
/// </summary>
public sealed class WebhookPathVerifier(CanaryWebhooks webhooks, IOptions<FailoverDrillOptions> options, TimeProvider time)
{
    /// <exception cref="InvalidOperationException">None was processed in the region in time; the message says what happened to the last one.</exception>
    public async Task<WebhookPathChecked> CheckAsync(WebhookPathCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(check);
        var settings = options.Value;
        var started = time.GetTimestamp();
        var attempts = 0;
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (time.GetElapsedTime(started) < settings.SwitchTimeout)
        {
            attempts++;
            var canary = await webhooks.SendAsync(check.DrillId, ct).ConfigureAwait(false);
            if (canary.Acknowledgement.Acknowledged)
            {
                var wait = settings.SwitchTimeout - time.GetElapsedTime(started);
                var handOver = await webhooks.WaitForHandOverAsync(canary, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct).ConfigureAwait(false);
                if (handOver is not null && handOver.Region == check.Region)
                {
                    return new WebhookPathChecked(
                        check.Region, attempts, (long)canary.Acknowledgement.Elapsed.TotalMilliseconds, Math.Max(0, (long)(handOver.At - canary.SentAt).TotalMilliseconds));
                }

                Count(outcomes, handOver is null ? "acknowledged, not processed when the time was up" : $"processed in {handOver.Region ?? "an unnamed region"}");
            }
            else
            {
                Count(outcomes, $"not acknowledged ({canary.Acknowledgement.Error})");
            }

            await Task.Delay(settings.CanaryInterval, time, ct).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"No webhook sent to {webhooks.PublicEndpoint} was acknowledged and processed in {check.Region} within {settings.SwitchTimeout.TotalSeconds:0.#} s " +
            $"({attempts} sent: {string.Join(", ", outcomes.Select(outcome => $"{outcome.Value} {outcome.Key}"))})");
    }

    private static void Count(SortedDictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
}
