using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// A queue that holds users' messages or requests made for users, and the queue its consumer moves a message to
/// after too many failed attempts.
/// </summary>
/// <param name="Alias">The short name operators type (<c>inbox</c>, <c>bot</c>, <c>exports</c>), or the queue's name for another queue.</param>
/// <param name="Name">The queue.</param>
/// <param name="PoisonName">Its poison queue, <c>{Name}-poison</c> unless configured otherwise.</param>
/// <param name="InRegion">In the region's own account (<see cref="StorageClients.RegionQueues"/>), else in the app's.</param>
public sealed record UserMessageQueue(string Alias, string Name, string PoisonName, bool InRegion = false)
{
    /// <summary>The queue service that holds this queue and its poison queue.</summary>
    public QueueServiceClient ServiceIn(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return InRegion ? storage.RegionQueues : storage.Queues;
    }

    /// <summary>What the Functions runtime (and the local host's drainers) append to a queue's name for its poison queue.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>A queue this backend does not configure, named by an operator; its poison queue follows the convention.</summary>
    public static UserMessageQueue Named(string name) => new(name, name, name + PoisonSuffix);
}
