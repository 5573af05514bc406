using AstroBot.Continuity.Recovery.ResourceManager;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>An abandoned native backup drill may leave its restored account, billed while it exists: it is deleted.</summary>
public sealed class NativeBackupDrillCleanup(CosmosNativeRestore native) : IDrillCleanup
{
    public DrillKind Kind => DrillKind.NativeBackup;

    public async Task<string> CleanUpAsync(DrillRecord abandoned, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(abandoned);
        if (!abandoned.Facts.TryGetValue(DrillFacts.RestoredAccount, out var account))
        {
            return "Its host stopped before it planned; nothing to clean up.";
        }

        // Deleting an account that was never created is not an error (CosmosNativeRestore answers it as done).
        await native.DeleteAsync(account, ct).ConfigureAwait(false);
        return $"Its host stopped before it finished; its restored account {account} was deleted.";
    }
}
