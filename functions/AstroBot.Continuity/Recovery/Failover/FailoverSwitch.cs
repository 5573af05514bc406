using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// The automated failover's switch: the secondary first at the region switch (the rest keep their order), then the
/// failed primary's database region taken offline (<see cref="IForcedFailover"/>), then the webhook path checked through
/// the new primary. The order is not put back: fail-back is a person's deliberate act.
/// </summary>
public sealed class FailoverSwitch(RegionSwitchChoice choice, IEnumerable<IForcedFailover> forced, IFailoverPathCheck path)
{
    /// <exception cref="InvalidOperationException">Nothing could be switched; the message says why.</exception>
    public async Task<string> SwitchAsync(CancellationToken ct)
    {
        var regionSwitch = choice.Switch ?? throw new InvalidOperationException(choice.Missing);
        try
        {
            var order = (await regionSwitch.ReadAsync(ct).ConfigureAwait(false)).Order;
            if (order.Count < 2)
            {
                throw new InvalidOperationException($"{regionSwitch.Describe} has {order.Count} region: nothing to fail over to");
            }

            // The database first: in an outage its write region moves by the forced failover, and the switch then only
            // moves the traffic (a graceful priority change against a region that is down would not complete).
            var database = forced.LastOrDefault() is { } offline
                ? await offline.TakeOfflineAsync(order[0], ct).ConfigureAwait(false)
                : $"no Cosmos DB forced failover is configured here: take {order[0]}'s database region offline by hand (docs/dr/region-outage.md)";
            var after = await regionSwitch.SetOrderAsync([order[1], order[0], .. order.Skip(2)], ct).ConfigureAwait(false);
            return $"{order[1]} is the primary at {regionSwitch.Describe} (order {string.Join(", ", after.Order)}); {database}";
        }
        catch (RegionSwitchException exception)
        {
            throw new InvalidOperationException($"{regionSwitch.Describe} refused the switch: {exception.Message}", exception);
        }
    }

    /// <summary>Checks the webhook path through the region now first; the message says how it went.</summary>
    /// <exception cref="InvalidOperationException">The path does not work through it.</exception>
    public async Task<string> VerifyAsync(CancellationToken ct)
    {
        var regionSwitch = choice.Switch ?? throw new InvalidOperationException(choice.Missing);
        var primary = (await regionSwitch.ReadAsync(ct).ConfigureAwait(false)).Order[0];
        return await path.CheckAsync(primary, ct).ConfigureAwait(false);
    }
}

/// <summary>Whether webhooks sent to the public endpoint are acknowledged and processed in a region.</summary>
public interface IFailoverPathCheck
{
    /// <exception cref="InvalidOperationException">They are not; the message says what happened.</exception>
    Task<string> CheckAsync(string region, CancellationToken ct);
}

/// <summary>The failover drill's check (<see cref="WebhookPathVerifier"/>), its canaries marked as the automated failover's.</summary>
public sealed class WebhookFailoverPathCheck(WebhookPathVerifier verifier) : IFailoverPathCheck
{
    public async Task<string> CheckAsync(string region, CancellationToken ct)
    {
        var path = await verifier.CheckAsync(new WebhookPathCheck(FailoverSignals.InstanceId, region), ct).ConfigureAwait(false);
        return $"a webhook was acknowledged in {path.AcknowledgeMilliseconds} ms and processed in {path.Region} ({path.Attempts} sent)";
    }
}
