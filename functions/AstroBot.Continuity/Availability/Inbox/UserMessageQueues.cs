using System.Text.RegularExpressions;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Portability;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// The queues that hold users' messages, by the names operators use: <c>inbox</c> (accepted webhooks,
/// <see cref="FrontDoorOptions.InboxQueueName"/>, poison <see cref="FrontDoorOptions.PoisonQueueName"/>), <c>bot</c>
/// (what the bot reads, <see cref="FrontDoorOptions.BotQueueName"/>) and <c>exports</c> (confirmed export requests,
/// <see cref="PortabilityOptions.ExportRequestQueueName"/>). Every message on them is sent with
/// <see cref="InfiniteTimeToLive"/>; <see cref="PoisonQueueWatch"/> watches their poison queues and
/// <see cref="PoisonRedrive"/> puts poisoned messages back.
/// </summary>
public sealed partial class UserMessageQueues(IOptions<FrontDoorOptions> frontDoor, IOptions<PortabilityOptions> portability)
{
    public const string Inbox = "inbox";
    public const string Bot = "bot";
    public const string Exports = "exports";

    /// <summary>The three queues, in that order.</summary>
    public IReadOnlyList<UserMessageQueue> All { get; } =
    [
        new(Inbox, frontDoor.Value.InboxQueueName, frontDoor.Value.PoisonQueueName, InRegion: true),
        new(Bot, frontDoor.Value.BotQueueName, frontDoor.Value.BotQueueName + UserMessageQueue.PoisonSuffix),
        new(Exports, portability.Value.ExportRequestQueueName, portability.Value.ExportRequestQueueName + UserMessageQueue.PoisonSuffix, InRegion: true),
    ];

    /// <summary>
    /// What is wrong with <paramref name="aliasOrName"/> as the name of a queue to redrive into, or null when nothing is:
    /// an alias, or a storage queue name short enough to take <see cref="UserMessageQueue.PoisonSuffix"/>, that is not
    /// itself a poison queue.
    /// </summary>
    public static string? Problem(string aliasOrName)
    {
        ArgumentNullException.ThrowIfNull(aliasOrName);
        if (aliasOrName is Inbox or Bot or Exports)
        {
            return null;
        }

        if (!QueueName().IsMatch(aliasOrName))
        {
            return $"'{aliasOrName}' is no queue: name {Inbox}, {Bot}, {Exports}, or a storage queue name (3-56 lowercase letters, digits and single dashes).";
        }

        return aliasOrName.EndsWith(UserMessageQueue.PoisonSuffix, StringComparison.Ordinal)
            ? $"'{aliasOrName}' is a poison queue: name the queue its messages go back to, '{aliasOrName[..^UserMessageQueue.PoisonSuffix.Length]}'."
            : null;
    }

    /// <summary>The queue an alias or a configured queue name stands for, or null when it is neither.</summary>
    public UserMessageQueue? Find(string aliasOrName) =>
        All.FirstOrDefault(queue => queue.Alias == aliasOrName || queue.Name == aliasOrName);

    // A storage queue name (3-63 lowercase letters, digits, single dashes) with room for "-poison".
    [GeneratedRegex("^(?=.{3,56}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();
}
