using System.Net;
using System.Net.Http.Headers;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The availability probe in real local hosts on the emulators, as <c>continuity serve</c> runs it (with no
/// <c>Availability:PublicBaseUrl</c>, so each probes its own address): one host with every worker, one whose inbox is not
/// processed (no pump), both recording in one probe table as two regions do in the shared account.
/// </summary>
public sealed class LocalHostProbeTests(LocalHostProbeTests.Hosts hosts) : IClassFixture<LocalHostProbeTests.Hosts>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Probe_AgainstTheRunningLocalHost_IsUpAndItsRecordSaysSoWithTheRegion()
    {
        var record = await hosts.Running.Services.GetRequiredService<AvailabilityProbe>().ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.True(record.Up, record.Error);
        Assert.True(record.Acknowledged);
        Assert.Equal(200, record.StatusCode);
        Assert.True(record.HandedOver);
        Assert.Equal(("region-a", "region-a"), (record.Region, record.ProcessedRegion));
        Assert.Contains(record, await ReadRecentAsync());
    }

    [Fact]
    public async Task Probe_AgainstTheRunningLocalHost_ReachesNeitherTheBotNorTheGraphApi()
    {
        // The bot stand-in answers everything on the bot's queue through the sink: a probe that reached it would be answered.
        var record = await hosts.Running.Services.GetRequiredService<AvailabilityProbe>().ProbeAsync(CancellationToken.None);
        await SendUserMessageAndAwaitItsAnswerAsync();

        Assert.True(record?.HandedOver, record?.Error);
        AssertNothingSentToTheProbe();
    }

    [Fact]
    public async Task Probe_WithTheInboxNotProcessed_IsAcknowledgedButNotHandedOverAfterItsWait()
    {
        var record = await hosts.Stopped.Services.GetRequiredService<AvailabilityProbe>().ProbeAsync(CancellationToken.None);

        Assert.NotNull(record);
        Assert.True(record.Acknowledged);
        Assert.Equal(200, record.StatusCode);
        Assert.False(record.HandedOver);
        Assert.False(record.Up);
        Assert.Null(record.ProcessedRegion);
        Assert.Equal("region-b", record.Region);
        Assert.Equal("not handed over within 2 s of the send", record.Error);
        Assert.Contains(record, await ReadRecentAsync());
    }

    [Fact]
    public async Task ForgedProbe_WithABadSignature_IsRefusedAndRecordsNothing()
    {
        var table = hosts.Stopped.Services.GetRequiredService<ProbeTable>();
        var sentAt = TimeProvider.System.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, "region-b", CancellationToken.None);
        var body = ProbeBody(wamid, sentAt);

        using var response = await PostAsync(hosts.StoppedUri, body, new WebhookSignature("not-the-app-secret").Sign(body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await InboxDepthAsync(hosts.Stopped));
        Assert.Null(await table.GetHandOverAsync(wamid, sentAt, CancellationToken.None));
    }

    [Fact]
    public async Task ProbeWebhook_WithAGoodSignatureAndOddContent_IsRecordedAndNeverRouted()
    {
        var table = hosts.Running.Services.GetRequiredService<ProbeTable>();
        var sentAt = TimeProvider.System.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        await table.StartAsync(wamid, sentAt, "region-a", CancellationToken.None);
        var odd = OddProbeBody(wamid, sentAt);

        using var response = await PostAsync(hosts.RunningUri, odd, Signed(odd));
        await Eventually.HoldsAsync(async ct => await table.GetHandOverAsync(wamid, sentAt, ct) is not null, Bound);
        await SendUserMessageAndAwaitItsAnswerAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNothingSentToTheProbe();
    }

    [Fact]
    public async Task ProbeWebhook_WithAGoodSignatureButNoRunBehindIt_IsAcknowledgedRecordsNothingAndIsNeverRouted()
    {
        var sentAt = TimeProvider.System.GetUtcNow();
        var forged = ProbeWamid.Create(sentAt);
        var body = ProbeBody(forged, sentAt, "HELP");

        using var response = await PostAsync(hosts.RunningUri, body, Signed(body));
        await Eventually.HoldsAsync(async _ => await InboxDepthAsync(hosts.Running) == 0, Bound);
        await SendUserMessageAndAwaitItsAnswerAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await ReadRecentAsync(), record => record.Wamid == forged);
        AssertNothingSentToTheProbe();
    }

    private static byte[] ProbeBody(string wamid, DateTimeOffset sentAt, string text = AvailabilityProbe.ProbeText) =>
        InboundWebhookComposer.TextMessage(
            LocalHostFixture.PhoneNumberId, new UserIdentifiers(ProbeOptions.DefaultProbeWaId, ProbeOptions.DefaultProbeBsuid),
            ProbeUser.ProfileName, wamid, text, sentAt);

    private static byte[] OddProbeBody(string wamid, DateTimeOffset sentAt) =>
        System.Text.Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + LocalHostFixture.PhoneNumberId + "\"}," +
            "\"messages\":[{\"from\":\"" + ProbeOptions.DefaultProbeWaId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" +
            sentAt.ToUnixTimeSeconds() + "\",\"type\":\"sticker\",\"sticker\":{\"id\":\"s-1\"},\"extra\":[null,{}]}],\"surprise\":true}}]}]}");

    private static string Signed(byte[] body) => new WebhookSignature(LocalHostFixture.AppSecret).Sign(body);

    private async Task<HttpResponseMessage> PostAsync(Uri host, byte[] body, string signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host, "api/whatsapp/webhook")) { Content = content };
        request.Headers.Add("X-Hub-Signature-256", signature);
        return await hosts.Http.SendAsync(request);
    }

    /// <summary>A real user writes to the running host; returns once the bot stand-in's answer reached the sink.</summary>
    private async Task SendUserMessageAndAwaitItsAnswerAsync()
    {
        var user = "1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = InboundWebhookComposer.TextMessage(
            LocalHostFixture.PhoneNumberId, user, "Someone", $"wamid.user.{Guid.NewGuid():N}", "What do the stars say?", TimeProvider.System.GetUtcNow());
        using var response = await PostAsync(hosts.RunningUri, body, Signed(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.HoldsAsync(() => hosts.Sink.MessagesTo(user).Count > 0, Bound);
    }

    private void AssertNothingSentToTheProbe()
    {
        Assert.Empty(hosts.Sink.MessagesTo(ProbeOptions.DefaultProbeWaId));
        Assert.Empty(hosts.Sink.MessagesTo(ProbeOptions.DefaultProbeBsuid));
    }

    private async Task<IReadOnlyList<ProbeRecord>> ReadRecentAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        return await hosts.Running.Services.GetRequiredService<ProbeRecordReader>().ReadAsync(now.AddHours(-1), now.AddMinutes(5), CancellationToken.None);
    }

    private static async Task<int> InboxDepthAsync(WebApplication host)
    {
        var storage = host.Services.GetRequiredService<StorageClients>();
        var name = host.Services.GetRequiredService<IConfiguration>()["FrontDoor:InboxQueueName"]!;
        return (await storage.RegionQueues.GetQueueClient(name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    /// <summary>Two local hosts (regions a and b) on one Graph API sink and one probe table.</summary>
    public sealed class Hosts : IAsyncLifetime
    {
        private readonly string probeTable = EmulatorEndpoints.UniqueName("probes");

        public GraphApiSink Sink { get; private set; } = null!;

        /// <summary>Every worker, as <c>continuity serve</c> runs: the inbox is processed.</summary>
        public WebApplication Running { get; private set; } = null!;

        public Uri RunningUri { get; private set; } = null!;

        /// <summary>Only the routes: webhooks are acknowledged and wait in the inbox, unprocessed.</summary>
        public WebApplication Stopped { get; private set; } = null!;

        public Uri StoppedUri { get; private set; } = null!;

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

        public async Task InitializeAsync()
        {
            Sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
            (Running, RunningUri) = await StartAsync("region-a", LocalHostWorkers.All, handOverWithin: "00:00:30");
            (Stopped, StoppedUri) = await StartAsync("region-b", LocalHostWorkers.None, handOverWithin: "00:00:02");
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            foreach (var host in new[] { Running, Stopped })
            {
                if (host is null)
                {
                    continue;
                }

                await host.StopAsync();
                await LocalHostFixture.DropAsync(host.Services);
                await host.DisposeAsync();
            }

            var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
            await storage.Tables.DeleteTableAsync(probeTable);
            await Sink.DisposeAsync();
        }

        private async Task<(WebApplication Host, Uri Address)> StartAsync(string region, LocalHostWorkers workers, string handOverWithin)
        {
            var configuration = LocalHostFixture.Configuration(Sink.BaseUri, new Dictionary<string, string?>
            {
                ["Availability:Region"] = region,
                ["Availability:ProbeTableName"] = probeTable,
                ["Availability:ProbeHandOverWithin"] = handOverWithin,
                ["Availability:ProbePollInterval"] = "00:00:00.100",
            });
            var host = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0", workers);
            await host.StartAsync();
            return (host, LocalHostFixture.AddressOf(host));
        }
    }
}
