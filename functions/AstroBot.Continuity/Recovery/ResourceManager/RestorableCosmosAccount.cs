using Azure.Core;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// A Cosmos DB account's continuous backup, as Resource Manager lists it under
/// <c>/subscriptions/{id}/providers/Microsoft.DocumentDB/locations/{location}/restorableDatabaseAccounts</c>.
/// </summary>
/// <param name="Id">What a restore names as its <c>restoreSource</c>.</param>
/// <param name="InstanceId">The backup's name: the account instance's id (a recreated account has another).</param>
/// <param name="OldestRestorableTime">The earliest point a restore may ask for; null when Azure does not say (then <paramref name="CreationTime"/>).</param>
/// <param name="DeletionTime">When the account was deleted; null while it lives.</param>
public sealed record RestorableCosmosAccount(
    ResourceIdentifier Id, string InstanceId, string AccountName, DateTimeOffset CreationTime, DateTimeOffset? OldestRestorableTime, DateTimeOffset? DeletionTime)
{
    /// <summary>The earliest point a restore may ask for.</summary>
    public DateTimeOffset WindowStart => OldestRestorableTime ?? CreationTime;
}
