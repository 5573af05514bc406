using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// Opens a database of the account a native backup drill restored, by its data-plane endpoint: in Azure a client of its
/// own signed in with the app's credential (<see cref="CosmosRestoredAccountData"/>); in tests an emulator database that
/// plays the restored copy, since no emulator restores an account.
/// </summary>
public interface IRestoredAccountData
{
    /// <summary>The database <paramref name="database"/> of the account at <paramref name="documentEndpoint"/>; dispose it after the step.</summary>
    RestoredDatabase Open(Uri documentEndpoint, string database);
}

/// <summary>A restored account's database and whatever must be disposed with it (its client; none when shared).</summary>
public sealed class RestoredDatabase(Database database, IDisposable? owner) : IDisposable
{
    public Database Database { get; } = database;

    public void Dispose() => owner?.Dispose();
}
