using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Local.Availability.Inbox;

/// <summary>How a <see cref="QueueDrainer"/> polls and retries (from <c>FrontDoorOptions</c>).</summary>
internal sealed record QueueDrainSettings(
    int MaxDequeueCount,
    TimeSpan VisibilityTimeout,
    TimeSpan RetryDelay,
    TimeSpan MaxPollInterval)
{
    public static QueueDrainSettings From(FrontDoorOptions options) =>
        new(options.MaxDequeueCount, options.VisibilityTimeout, options.RetryDelay, options.MaxPollInterval);
}
