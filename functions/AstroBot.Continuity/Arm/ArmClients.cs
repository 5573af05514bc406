using Azure.Core;
using Azure.ResourceManager;

namespace AstroBot.Continuity.Arm;

/// <summary>The app's <see cref="ArmClient"/>, built one way for the registration and the tests alike.</summary>
public static class ArmClients
{
    /// <summary>
    /// An ArmClient for the public cloud that pins the api-version of every generic resource type the app calls
    /// (<see cref="CosmosArm"/>, <see cref="FrontDoorArm"/>) and waits out throttling on <paramref name="time"/>
    /// (<see cref="ArmThrottling"/>). Without the pins a generic resource first asks the subscription's provider
    /// registration for an api-version, which needs a read permission on the subscription the app does not have.
    /// </summary>
    public static ArmClient Create(TokenCredential credential, ArmClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var type in CosmosArm.GenericTypes)
        {
            options.SetApiVersion(type, CosmosArm.ApiVersion);
        }

        foreach (var type in FrontDoorArm.GenericTypes)
        {
            options.SetApiVersion(type, FrontDoorArm.ApiVersion);
        }

        ArmThrottling.AddTo(options, time);
        return new ArmClient(credential, null, options);
    }
}
