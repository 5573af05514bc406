using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// Front Door's priority routing, which YARP has no policy for: every request goes to the available origin of
/// lowest priority number that is in service, an origin still waiting out its restoration delay only when none is
/// (<see cref="OriginTable.Pick"/>). YARP asks only when two or more destinations are available: with one it sends
/// there, with none the front door answers 503 itself.
/// </summary>
public sealed class PriorityRoutingPolicy(OriginTable origins) : ILoadBalancingPolicy
{
    /// <summary>The policy's name in the cluster's configuration.</summary>
    public const string PolicyName = "Priority";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(availableDestinations);
        var picked = OriginTable.Pick(availableDestinations.Select(destination => origins[destination.DestinationId]));
        return picked is null ? null : availableDestinations.First(destination => destination.DestinationId == picked.Id);
    }
}
