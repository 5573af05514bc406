using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Hosting;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Probe;

/// <summary>
/// The probe against the real front door (<see cref="WebhookEndpoint"/> on Kestrel, the harness's services on Azurite),
/// against an endpoint that is down, and one that answers 503. The local host's own runs are in the CLI's tests
/// (LocalHost/LocalHostProbeTests).
/// </summary>
public sealed class AvailabilityProbeTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(started))
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public void Job_IsTheAvailabilityProbeTimerEveryMinute()
    {
        var sut = typeof(AvailabilityProbe);

        Assert.True(typeof(IScheduledJob).IsAssignableFrom(sut));
        Assert.Equal("0 * * * * *", Schedules.AvailabilityProbe.DefaultExpression);
        Assert.Equal("AvailabilityProbeSchedule", Schedules.AvailabilityProbe.SettingName);
    }

    [Theory]
    [InlineData("https://astrobot.z01.azurefd.net", "https://astrobot.z01.azurefd.net/api/whatsapp/webhook")]
    [InlineData("https://astrobot.z01.azurefd.net/", "https://astrobot.z01.azurefd.net/api/whatsapp/webhook")]
    [InlineData("http://127.0.0.1:7071/region-a/", "http://127.0.0.1:7071/region-a/api/whatsapp/webhook")]
    public void WebhookUrl_KeepsTheBasePath(string baseAddress, string expected)
    {
        Assert.Equal(new Uri(expected), AvailabilityProbe.WebhookUrl(new Uri(baseAddress)));
    }

    [Fact]
    public async Task ProbeAsync_WithoutAPublicBaseUrl_IsOffSaysSoAndRecordsNothing()
    {
        var harness = await HarnessAsync();
        var logger = new RecordingLogger<AvailabilityProbe>();
        var sut = new AvailabilityProbe(
            harness.Get<IProbeTarget>(), harness.Get<ProbeTable>(), Sender(harness, harness.Signature),
            harness.Get<IOptions<ProbeOptions>>(), [], TimeProvider.System, logger);

        var record = await sut.ProbeAsync(CancellationToken.None);

        Assert.Null(record);
        Assert.True(logger.Logged("ProbeOff"));
        Assert.False(await TableExistsAsync(harness));
    }

    [Fact]
    public async Task ProbeAsync_EndpointDown_RecordsNotAcknowledgedWithTheError()
    {
        var closed = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var harness = await HarnessAsync(("Availability:PublicBaseUrl", closed));

        var record = await harness.Get<AvailabilityProbe>().ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.True(record.Completed);
        Assert.False(record.Acknowledged);
        Assert.Null(record.StatusCode);
        Assert.False(record.HandedOver);
        Assert.False(record.Up);
        Assert.Equal(ProbeWebhooks.Region, record.Region);
        Assert.StartsWith("no answer from the endpoint", record.Error, StringComparison.Ordinal);
        Assert.Equal([record], await ReadTodayAsync(harness));
    }

    [Fact]
    public async Task ProbeAsync_EndpointAnswers503_RecordsTheStatus()
    {
        var endpoint = await StartAsync(app => app.MapPost("/api/whatsapp/webhook", () => Results.StatusCode(503)));
        var harness = await HarnessAsync(("Availability:PublicBaseUrl", endpoint.ToString()));

        var record = await harness.Get<AvailabilityProbe>().ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.False(record.Acknowledged);
        Assert.Equal(503, record.StatusCode);
        Assert.Contains("answered 503", record.Error, StringComparison.Ordinal);
        Assert.False(record.Up);
    }

    [Fact]
    public async Task ProbeAsync_ThroughTheFrontDoorWithTheInboxStopped_IsAcknowledgedButNotHandedOver()
    {
        var harness = await HarnessAsync(("Availability:ProbeHandOverWithin", "00:00:02"), ("Availability:ProbePollInterval", "00:00:00.100"));
        var endpoint = await FrontDoorAsync(harness);
        var sut = ProbeTo(harness, endpoint);

        var record = await sut.ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.True(record.Acknowledged);
        Assert.Equal(200, record.StatusCode);
        Assert.False(record.HandedOver);
        Assert.Null(record.HandOverMilliseconds);
        Assert.False(record.Up);
        Assert.Equal("not handed over within 2 s of the send", record.Error);

        // The webhook waits in the inbox; when processing resumes it is marked, late, and still never routed.
        await harness.Get<InboxProcessor>().ProcessAsync(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)), CancellationToken.None);
        var late = Assert.Single(await ReadTodayAsync(harness));
        Assert.False(late.HandedOver);
        Assert.Equal(ProbeWebhooks.Region, late.ProcessedRegion);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Empty(harness.Sink.Messages);
    }

    [Fact]
    public async Task ProbeAsync_ThroughTheFrontDoorWithTheInboxRunning_IsUp()
    {
        var harness = await HarnessAsync(("Availability:ProbePollInterval", "00:00:00.050"));
        var endpoint = await FrontDoorAsync(harness);
        // The local host's inbox pump, the queue trigger's stand-in, drains the inbox meanwhile.
        using var inbox = ActivatorUtilities.CreateInstance<QueueInboxPump>(harness.Services);
        await inbox.StartAsync(CancellationToken.None);

        var record = await ProbeTo(harness, endpoint).ProbeAsync(CancellationToken.None);
        await inbox.StopAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.True(record.Up, record.Error);
        Assert.True(record.Acknowledged);
        Assert.True(record.HandedOver);
        Assert.True(record.AcknowledgeMilliseconds >= 0);
        Assert.True(record.HandOverMilliseconds >= 0);
        Assert.Equal(ProbeWebhooks.Region, record.ProcessedRegion);
        Assert.Null(record.Error);
        Assert.Equal([record], await ReadTodayAsync(harness));
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.BotQueue));
        Assert.Empty(harness.Sink.Messages);
    }

    [Fact]
    public async Task ProbeAsync_SignedWithAnotherSecret_IsRefusedAndRecordsNotAcknowledged()
    {
        // A probe whose app secret is not the endpoint's (a forger, or a region with a stale secret): 401, nothing queued.
        var harness = await HarnessAsync();
        var endpoint = await FrontDoorAsync(harness);
        var sut = new AvailabilityProbe(
            new FixedTarget(endpoint), harness.Get<ProbeTable>(), Sender(harness, new WebhookSignature("another-secret")),
            harness.Get<IOptions<ProbeOptions>>(), [], TimeProvider.System, new RecordingLogger<AvailabilityProbe>());

        var record = await sut.ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.False(record.Acknowledged);
        Assert.Equal(401, record.StatusCode);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task ProbeAsync_SharedAccountDown_FailsSayingItCouldNotRecord()
    {
        var harness = await HarnessAsync();
        var unreachable = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.UnreachableStorageConnectionString }));
        var logger = new RecordingLogger<AvailabilityProbe>();
        var sut = new AvailabilityProbe(
            new FixedTarget(new Uri("http://127.0.0.1:1")), new ProbeTable(unreachable, harness.Get<IOptions<ProbeOptions>>()), Sender(harness, harness.Signature),
            harness.Get<IOptions<ProbeOptions>>(), [], TimeProvider.System, logger);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.ProbeAsync(CancellationToken.None));

        Assert.True(StorageFailure.Is(error), error.ToString());
        Assert.True(logger.Logged("ProbeNotRecorded"));
    }

    private static ProbeWebhookSender Sender(FrontDoorHarness harness, WebhookSignature signature) =>
        new(signature, harness.Get<IHttpClientFactory>(), harness.Get<IOptions<ProbeOptions>>(), harness.Get<IOptions<WhatsAppOptions>>(), TimeProvider.System);

    private async Task<FrontDoorHarness> HarnessAsync(params (string Key, string? Value)[] settings)
    {
        var harness = await FrontDoorHarness.StartAsync(ProbeWebhooks.Settings(settings));
        started.Add(new Disposer(async () =>
        {
            await harness.Get<StorageClients>().Tables.DeleteTableAsync(harness.Get<IOptions<ProbeOptions>>().Value.ProbeTableName);
            await harness.DisposeAsync();
        }));
        return harness;
    }

    /// <summary>The harness's real webhook endpoint on Kestrel, as both hosts map it.</summary>
    private Task<Uri> FrontDoorAsync(FrontDoorHarness harness) =>
        StartAsync(app => app.MapPost(
            "/" + HttpRoutes.Prefix + "/" + HttpRoutes.WhatsAppWebhook,
            (HttpRequest request, CancellationToken ct) => harness.Get<WebhookEndpoint>().HandleDeliveryAsync(request, ct)));

    private async Task<Uri> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        started.Add(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private static AvailabilityProbe ProbeTo(FrontDoorHarness harness, Uri endpoint) =>
        new(new FixedTarget(endpoint), harness.Get<ProbeTable>(), Sender(harness, harness.Signature),
            harness.Get<IOptions<ProbeOptions>>(), [], TimeProvider.System, new RecordingLogger<AvailabilityProbe>());

    private static async Task<IReadOnlyList<ProbeRecord>> ReadTodayAsync(FrontDoorHarness harness)
    {
        var now = TimeProvider.System.GetUtcNow();
        return await harness.Get<ProbeRecordReader>().ReadAsync(now.AddHours(-1), now.AddMinutes(5), CancellationToken.None);
    }

    private static async Task<bool> TableExistsAsync(FrontDoorHarness harness)
    {
        var name = harness.Get<IOptions<ProbeOptions>>().Value.ProbeTableName;
        await foreach (var table in harness.Get<StorageClients>().Tables.QueryAsync(t => t.Name == name))
        {
            return true;
        }

        return false;
    }

    private sealed class FixedTarget(Uri address) : IProbeTarget
    {
        public Uri? BaseAddress => address;
    }

    private sealed class Disposer(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }
}
