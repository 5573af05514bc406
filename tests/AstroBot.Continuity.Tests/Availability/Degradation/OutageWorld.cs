using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Availability.Maintenance;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Availability.Degradation;

/// <summary>
/// The inbox as the hosts wire it, with the app account the regions share (ledger, directory, bot's queue) behind
/// switchable proxies in front of Azurite, so a test can take it down and bring it back, and the region's own account
/// (inbox, held queue, outage table) straight on Azurite. The SDK does not retry the app account here, so each failure
/// is seen at once instead of after its back-off.
/// </summary>
internal sealed class OutageWorld : IAsyncDisposable
{
    private readonly SwitchableTcpProxy[] proxies;

    private OutageWorld(MaintenanceWorld inbox, SwitchableTcpProxy[] proxies)
    {
        Inbox = inbox;
        this.proxies = proxies;
    }

    public MaintenanceWorld Inbox { get; }

    public FakeTimeProvider Time => Inbox.Time;

    public InboxProcessor Processor => Inbox.Processor;

    public MaintenanceDrainJob Drain => Inbox.Drain;

    public OutageStore Outages => Inbox.Harness.Get<OutageStore>();

    public QueueClient HeldQueue => Inbox.HeldQueue;

    public static async Task<OutageWorld> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        SwitchableTcpProxy[] proxies = [new(10000), new(10001), new(10002)];
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={EmulatorEndpoints.AzuriteAccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{proxies[0].Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{proxies[1].Port}/devstoreaccount1;" +
                $"TableEndpoint=http://127.0.0.1:{proxies[2].Port}/devstoreaccount1;",
            ["Storage:RegionConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Outage:TableName"] = EmulatorEndpoints.UniqueName("outages"),
            ["Outage:DeclareAfter"] = "00:01:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var world = await MaintenanceWorld.StartAsync(settings, services =>
        {
            services.Configure<TableClientOptions>(AzureClientNames.App, options => options.Retry.MaxRetries = 0);
            services.Configure<QueueClientOptions>(AzureClientNames.App, options => options.Retry.MaxRetries = 0);
            services.Configure<BlobClientOptions>(AzureClientNames.App, options => options.Retry.MaxRetries = 0);
        });
        return new OutageWorld(world, proxies);
    }

    /// <summary>The app account the regions share goes down: every connection to it is reset.</summary>
    public void AppAccountDown()
    {
        foreach (var proxy in proxies)
        {
            proxy.Down();
        }
    }

    public void AppAccountUp()
    {
        foreach (var proxy in proxies)
        {
            proxy.Up();
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppAccountUp();
        await new TableServiceClient(EmulatorEndpoints.StorageConnectionString).DeleteTableAsync(Inbox.Harness.Get<IOptions<OutageOptions>>().Value.TableName);
        await Inbox.DisposeAsync();
        foreach (var proxy in proxies)
        {
            await proxy.DisposeAsync();
        }
    }
}
