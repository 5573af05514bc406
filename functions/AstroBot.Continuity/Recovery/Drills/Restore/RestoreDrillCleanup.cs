using AstroBot.Continuity.Backup.Restore.Targets;

namespace AstroBot.Continuity.Recovery.Drills.Restore;

/// <summary>An abandoned restore drill leaves its scratch database: it is dropped.</summary>
public sealed class RestoreDrillCleanup(IRestoreTargetProvisioner targets) : IDrillCleanup
{
    public DrillKind Kind => DrillKind.Restore;

    public async Task<string> CleanUpAsync(DrillRecord abandoned, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(abandoned);
        if (!abandoned.Facts.TryGetValue(DrillFacts.ScratchDatabase, out var scratch))
        {
            return "Its host stopped before it planned; nothing to clean up.";
        }

        await targets.DeleteAsync(scratch, ct).ConfigureAwait(false);
        return $"Its host stopped before it finished; its scratch database {scratch} was dropped.";
    }
}
