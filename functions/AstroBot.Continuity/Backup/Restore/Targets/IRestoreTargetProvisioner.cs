namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// Creates a restore's target database and containers, and drops a scratch database: through the data plane locally,
/// through Resource Manager in Azure (<see cref="RestoreTargetOptions.Provisioner"/>). Items are written by
/// <see cref="RestoreTarget"/> through the data plane either way.
/// </summary>
public interface IRestoreTargetProvisioner
{
    /// <summary>
    /// Creates the database and those containers when missing, each partitioned by <c>/wa_id</c>; what exists is left as it
    /// is (a container with another partition key is refused).
    /// </summary>
    /// <exception cref="RestoreTargetException">The target cannot be created: no permission, a conflicting operation, a failed operation.</exception>
    Task EnsureCreatedAsync(string database, IEnumerable<string> containers, CancellationToken cancellationToken);

    /// <summary>Deletes the database and everything in it; one that does not exist is not an error.</summary>
    /// <exception cref="RestoreTargetException">The database cannot be deleted: no permission, a conflicting operation, a failed operation.</exception>
    Task DeleteAsync(string database, CancellationToken cancellationToken);
}
