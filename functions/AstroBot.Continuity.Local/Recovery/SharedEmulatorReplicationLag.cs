using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Local.Recovery;

/// <summary>
/// The local two-region topology's replication lag: zero, because nothing replicates. Both regions use the one Cosmos
/// DB emulator and the one shared storage account (docs/availability.md, "Local two-region topology"); only their
/// inboxes are apart, and an inbox is never copied, it is drained where it is.
/// </summary>
public sealed class SharedEmulatorReplicationLag : IReplicationLag
{
    public Task<ReplicationLagReading> ReadAsync(CancellationToken ct) =>
        Task.FromResult(new ReplicationLagReading(TimeSpan.Zero, "the local regions share one Cosmos DB emulator and one storage account: nothing replicates"));
}
