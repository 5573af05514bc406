namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// The custom roles <c>bicep/modules/recoveryRoles.bicep</c> (and <c>recoveryRestorableAccounts.bicep</c>) define and
/// assign to the app's identity, each on the narrowest scope its actions allow; a 403 names the one to grant.
/// </summary>
public static class RecoveryArmRoles
{
    /// <summary>Read the account, change its failover priorities, take a region offline: on the live account.</summary>
    public static string Failover(string? accountName) => $"AstroBot failover drills ({accountName})";

    /// <summary>Create, read and delete the account a native restore makes: on the resource group (its name is new).</summary>
    public static string NativeRestore(string? resourceGroup) => $"AstroBot native restore drills ({resourceGroup})";

    /// <summary>Read restorable accounts and restore from them: on the subscription (they are listed by location).</summary>
    public static string RestorableAccounts(string? subscriptionId) => $"AstroBot restorable accounts ({subscriptionId})";

    /// <summary>Read and write the origins of the profile's origin groups: on the Front Door profile.</summary>
    public static string FrontDoorOrigins(string? profileName) => $"AstroBot Front Door origin drills ({profileName})";
}
