namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>How a restore's target database and containers are created and the restore test's scratch database dropped.</summary>
public enum RestoreTargetProvisionerKind
{
    /// <summary>
    /// The Cosmos DB data plane (the SDK's create-if-not-exists and delete). What the emulator needs; in Azure it works
    /// only with a key, and the account's keys are off.
    /// </summary>
    DataPlane,

    /// <summary>Azure Resource Manager, signed in with the app's identity: what an Entra-only account (local auth off) needs.</summary>
    ResourceManager,
}
