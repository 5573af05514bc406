namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// How far the secondary region's copy of the data is behind the primary's, which the failover drill checks before it
/// switches. Locally nothing replicates (the local host's <c>SharedEmulatorReplicationLag</c>); in Azure it would be Cosmos
/// DB's replication latency and the storage account's last sync time (not built: the Functions app registers none, and
/// the drill refuses, saying so).
/// </summary>
public interface IReplicationLag
{
    Task<ReplicationLagReading> ReadAsync(CancellationToken ct);
}

/// <summary>A replication lag and where it comes from (for the drill's record).</summary>
public sealed record ReplicationLagReading(TimeSpan Lag, string Source);
