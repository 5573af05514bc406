using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

/// <summary>
/// The inbox as the hosts wire it (<see cref="FrontDoorHarness"/>: Azurite, the Graph API sink), on a fake clock that
/// starts at the real time (replies check WhatsApp's 24-hour window against it), with no cache of the maintenance
/// window, and the region's held queue deleted at the end.
/// </summary>
internal sealed class MaintenanceWorld : IAsyncDisposable
{
    public const string Alice = "15550002001";
    public const string Bob = "15550002002";

    private MaintenanceWorld(FrontDoorHarness harness, FakeTimeProvider time)
    {
        Harness = harness;
        Time = time;
    }

    public FrontDoorHarness Harness { get; }

    public FakeTimeProvider Time { get; }

    public InboxProcessor Processor => Harness.Get<InboxProcessor>();

    public MaintenanceControl Control => Harness.Get<MaintenanceControl>();

    public MaintenanceDrainJob Drain => Harness.Get<MaintenanceDrainJob>();

    public QueueClient HeldQueue => Harness.Get<HeldQueue>().Client;

    public static async Task<MaintenanceWorld> StartAsync(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = new Dictionary<string, string?> { ["Maintenance:CacheDuration"] = "00:00:00" };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new MaintenanceWorld(await FrontDoorHarness.StartAsync(settings, time, configure), time);
    }

    /// <summary>A webhook with one text message from <paramref name="from"/>, as the front door records it, written now.</summary>
    public string Text(string from, string wamid, string text) =>
        WebhookEnvelope.Inline(Body(from, wamid, text, Time.GetUtcNow().ToUnixTimeSeconds()), Time.GetUtcNow()).ToQueueText();

    /// <summary>A webhook with only a delivery status of the bot's message <paramref name="wamid"/>.</summary>
    public string Status(string wamid, string status) =>
        WebhookEnvelope.Inline(WebhookJson.Status(wamid, status, Time.GetUtcNow().ToUnixTimeSeconds()), Time.GetUtcNow()).ToQueueText();

    /// <summary>The wamids the bot's queue holds, in its order.</summary>
    public async Task<IReadOnlyList<(string UserKey, string Wamid)>> BotMessagesAsync() =>
        [.. (await FrontDoorHarness.PeekAllAsync(Harness.BotQueue)).Select(BotQueueMessage.FromQueueText).Select(message => (message.UserKey, message.Wamid))];

    public static async Task<long> CountAsync(QueueClient queue) => (await QueueDepth.ReadAsync(queue, CancellationToken.None)).ApproximateMessages;

    public async ValueTask DisposeAsync()
    {
        await HeldQueue.DeleteIfExistsAsync();
        await Harness.DisposeAsync();
    }

    private static byte[] Body(string from, string wamid, string text, long unixSeconds) =>
        Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"" + FrontDoorHarness.PhoneNumberId + "\"}," +
            "\"contacts\":[{\"profile\":{\"name\":\"Maintenance User\"},\"wa_id\":\"" + from + "\"}]," +
            "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + unixSeconds + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}");
}
