using System.Net;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

public class ContinuityLocalHostTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Health_WhenRunning_AnswersAlive()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthReady_WithEmulatorsUp_AnswersReady()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ready\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookVerification_WithTheRightToken_EchoesTheChallenge()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebhookDelivery_WithoutSignature_IsRefused()
    {
        using var content = new StringContent("""{"object":"whatsapp_business_account","entry":[]}""");
        using var response = await host.Http.PostAsync(new Uri(host.BaseUri, "api/whatsapp/webhook"), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PortabilityImport_NotAZip_IsRefusedWith422()
    {
        using var content = new ByteArrayContent("not a zip"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        using var response = await host.Http.PostAsync(new Uri(host.BaseUri, $"api/{HttpRoutes.PortabilityImport}?dry_run=true"), content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a readable ZIP archive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithMissingAppSecret_StopsNamingTheSetting()
    {
        var configuration = LocalHostFixture.Configuration(host.Sink.BaseUri, new Dictionary<string, string?> { ["WhatsApp:AppSecret"] = "" });
        await using var sut = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => sut.StartAsync());

        Assert.Contains("WhatsApp:AppSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithStorageDown_StillServesAndReportsDegraded()
    {
        var configuration = LocalHostFixture.Configuration(host.Sink.BaseUri, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AstroBot.Continuity.Tests.Fixtures.EmulatorEndpoints.UnreachableStorageConnectionString,
        });
        await using var sut = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0");
        await sut.StartAsync();
        var address = LocalHostFixture.AddressOf(sut);

        using var alive = await host.Http.GetAsync(new Uri(address, "api/health"));
        using var ready = await host.Http.GetAsync(new Uri(address, "api/health/ready"));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"storage\":\"unreachable\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await sut.StopAsync();
        await LocalHostFixture.DropDatabaseAsync(sut.Services.GetRequiredService<CosmosClient>(), configuration["Cosmos:DatabaseName"]!);
    }

    [Fact]
    public void Build_BackupSchedules_RunInTheJobRunner()
    {
        var jobs = host.Services.GetServices<IScheduledJob>().Select(job => job.Name).ToList();

        Assert.Subset(jobs.ToHashSet(), new HashSet<string> { "BackupFull", "BackupIncremental", "BackupVerify", "BackupRestoreTest", "BackupPrune", "BackupStatus" });
        Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is ScheduledJobRunner);
    }

    [Fact]
    public void Build_AsContinuityServeBuildsIt_RunsEveryWorker()
    {
        var hosted = host.Services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, service => service is QueueInboxPump);
        Assert.Contains(hosted, service => service is LocalBotStandIn);
        Assert.Contains(hosted, service => service is ExportRequestPump);
        Assert.Contains(hosted, service => service is ScheduledJobRunner);
        Assert.NotNull(host.Services.GetService<DurableTaskClient>());
    }

    [Fact]
    public async Task Build_InboxWorkersOnly_RunsNoSchedulerNorExportsBesideThem()
    {
        // What the benchmarks that measure the front door or the inbox build: nothing else may fire during a round.
        var configuration = LocalHostFixture.Configuration(host.Sink.BaseUri);
        await using var sut = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0", LocalHostWorkers.Inbox);

        var hosted = sut.Services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, service => service is QueueInboxPump);
        Assert.Contains(hosted, service => service is LocalBotStandIn);
        Assert.DoesNotContain(hosted, service => service is ScheduledJobRunner or ExportRequestPump);
        Assert.Null(sut.Services.GetService<DurableTaskClient>());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Build_RestoreOrchestration_RestoresABackupOnTheInProcessDurableEngine()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var seeded = await host.Services.GetRequiredService<SeedWriter>()
            .WriteAsync(new SeedRequest(Users: 3, ReadingsPerUser: 2, Seed: 22, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero)), null, timeout.Token);
        var backup = await host.Services.GetRequiredService<BackupRunner>().RunAsync(BackupKind.Full, null, timeout.Token);
        Assert.True(backup.Outcome == BackupRunOutcome.Committed, backup.Message);
        var target = EmulatorEndpoints.UniqueName("restored");
        var sut = host.Services.GetRequiredService<DurableTaskClient>();
        try
        {
            var instanceId = await sut.ScheduleNewOrchestrationInstanceAsync(
                nameof(RestoreOrchestrator), new RestoreRequest { BackupId = backup.Entry!.BackupId, TargetDatabase = target }, timeout.Token);
            var state = await sut.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

            Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ErrorMessage);
            var outcome = state.ReadOutputAs<RestoreOutcome>()!;
            Assert.Equal(target, outcome.TargetDatabase);
            Assert.Equal([backup.Entry.BackupId], outcome.BackupIds);
            Assert.Equal(seeded.TotalItems, outcome.ItemsWritten);
        }
        finally
        {
            await LocalHostFixture.DropDatabaseAsync(host.Services.GetRequiredService<CosmosClient>(), target);
        }
    }
}
