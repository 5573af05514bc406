using System.Net;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The active health check policy: after each round of probes, each origin's <see cref="OriginHealth"/> takes its
/// probe (a success is a 200 within the probe timeout, as in Azure), YARP hears which destinations are available
/// (in service or restoring: healthy; taken out: unhealthy), and every health transition and change of route is logged.
/// </summary>
public sealed class OriginHealthPolicy(OriginTable origins, IDestinationHealthUpdater healthUpdater, TimeProvider time, LocalFrontDoorOptions options, ILogger<OriginHealthPolicy> logger)
    : IActiveHealthCheckPolicy
{
    /// <summary>The policy's name in the cluster's configuration.</summary>
    public const string PolicyName = "SampledProbes";

    private Origin? route;
    private bool routed;

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        ArgumentNullException.ThrowIfNull(probingResults);
        var now = time.GetUtcNow();
        var updates = new List<NewActiveDestinationHealth>(probingResults.Count);
        foreach (var result in probingResults)
        {
            var origin = origins[result.Destination.DestinationId];
            var before = origin.Health.State;
            var after = origin.Health.Observe(result.Response?.StatusCode == HttpStatusCode.OK, now);
            if (after != before)
            {
                LogTransition(origin, after);
            }

            updates.Add(new NewActiveDestinationHealth(result.Destination, after == OriginState.Unhealthy ? DestinationHealth.Unhealthy : DestinationHealth.Healthy));
        }

        healthUpdater.SetActive(cluster, updates);
        LogRoute();
    }

    private void LogTransition(Origin origin, OriginState state)
    {
        switch (state)
        {
            case OriginState.Unhealthy:
                LogMessages.OriginUnhealthy(logger, origin.Id, origin.Address.GetLeftPart(UriPartial.Authority), origin.Health.RecentFailures, options.HealthyAfterSuccesses);
                break;
            case OriginState.Restoring:
                LogMessages.OriginRestoring(logger, origin.Id, origin.Address.GetLeftPart(UriPartial.Authority), options.HealthyAfterSuccesses, options.RestorationDelay);
                break;
            case OriginState.InService:
                LogMessages.OriginInService(logger, origin.Id, origin.Address.GetLeftPart(UriPartial.Authority));
                break;
            default:
                break;
        }
    }

    private void LogRoute()
    {
        var now = origins.Route();
        if (routed && now == route)
        {
            return;
        }

        var previous = route?.Id ?? "none";
        if (now is null)
        {
            LogMessages.NoOriginAvailable(logger, previous, (int)options.RetryAfter.TotalSeconds);
        }
        else
        {
            LogMessages.RouteChanged(logger, now.Id, now.Address.GetLeftPart(UriPartial.Authority), now.Priority, previous);
        }

        route = now;
        routed = true;
    }
}
