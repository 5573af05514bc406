using Azure.Core;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// The Front Door (Standard/Premium) resources the app touches through Resource Manager, as generic resources (the
/// service package Azure.ResourceManager.Cdn is not served): an origin group's origins, and their api-version.
/// </summary>
public static class FrontDoorArm
{
    /// <summary>The Microsoft.Cdn api-version <c>bicep/modules/frontDoorRouting.bicep</c> declares the origins with.</summary>
    public const string ApiVersion = "2026-07-01";

    public static readonly ResourceType Origin = new("Microsoft.Cdn/profiles/originGroups/origins");

    /// <summary>The types called as generic resources, each pinned to <see cref="ApiVersion"/> (<see cref="ArmClients"/>).</summary>
    public static IReadOnlyList<ResourceType> GenericTypes { get; } = [Origin];

    public static ResourceIdentifier OriginGroupId(string? subscriptionId, string? resourceGroup, string? profileName, string? originGroupName) =>
        new($"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Cdn/profiles/{profileName}/originGroups/{originGroupName}");

    public static ResourceIdentifier OriginId(ResourceIdentifier originGroup, string origin) =>
        originGroup.AppendChildResource("origins", origin);
}
