using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Recovery.Drills;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary><c>POST /api/drills/restore</c> end to end on the local host: the Durable HTTP starter, the drill, its record.</summary>
[Trait("Category", "Slow")]
public sealed class RestoreDrillRouteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task PostRestore_AfterAFullAndAnIncremental_PassesWithRtoAndRpoAndDropsItsScratchDatabase()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var seeded = await host.Services.GetRequiredService<SeedWriter>()
            .WriteAsync(new SeedRequest(Users: 3, ReadingsPerUser: 2, Seed: 31, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero)), null, timeout.Token);
        var backups = host.Services.GetRequiredService<BackupRunner>();
        Assert.Equal(BackupRunOutcome.Committed, (await backups.RunAsync(BackupKind.Full, null, timeout.Token)).Outcome);
        await host.Services.GetRequiredService<SeedWriter>()
            .WriteAsync(new SeedRequest(Users: 1, ReadingsPerUser: 1, Seed: 32, new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero)), null, timeout.Token);
        Assert.Equal(BackupRunOutcome.Committed, (await backups.RunAsync(BackupKind.Incremental, null, timeout.Token)).Outcome);

        using var started = await host.Http.PostAsync(new Uri(host.BaseUri, "api/drills/restore"), JsonContent.Create(new { by = "test" }), timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var drillId = body.GetProperty("drill_id").GetString()!;
        Assert.Equal($"/api/drills/{drillId}", body.GetProperty("status_url").GetString());
        Assert.Equal($"/api/drills/{drillId}", started.Headers.Location?.ToString());

        // A second start while it runs is refused, naming it.
        using var second = await host.Http.PostAsync(new Uri(host.BaseUri, "api/drills/restore"), null, timeout.Token);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(drillId, (await second.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("running_drill_id").GetString());

        var record = await DrillRoute.WaitUntilOverAsync(host.Http, host.BaseUri, drillId, timeout.Token);

        Assert.True(record.State == DrillState.Passed, DrillRoute.Describe(record));
        Assert.Equal("DataCorruption", record.Scenario);
        Assert.Equal("test", record.StartedBy);
        Assert.InRange(record.Rto!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(4));
        Assert.InRange(record.Rpo!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(4));
        Assert.Equal(2, record.Facts["backups"].Split(' ').Length);
        Assert.Equal(record.Facts["items_in_manifests"], record.Facts["items_applied"]);
        Assert.True(long.Parse(record.Facts["sample_compared"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(
            ["plan", "restore the newest backup chain", "read the restored data back", "compare a sample with the live data", "check against the manifests", "drop the scratch database"],
            record.Steps.Select(step => step.Name));
        Assert.All(record.Steps, step => Assert.True(step.Succeeded, step.Detail));
        Assert.True(seeded.TotalItems > 0);
        using var scratch = await host.Services.GetRequiredService<CosmosClient>().GetDatabase(record.Facts[DrillFacts.ScratchDatabase]).ReadStreamAsync();
        Assert.Equal(HttpStatusCode.NotFound, scratch.StatusCode);

        var history = await host.Http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseUri, "api/drills"), timeout.Token);
        Assert.Equal(drillId, history[0].GetProperty("drill_id").GetString());
    }

    [Theory]
    [InlineData("api/drills/chaos", HttpStatusCode.NotFound)]
    [InlineData("api/drills/restore?x=1", HttpStatusCode.BadRequest)]
    public async Task PostDrill_BadKindOrBody_IsRefusedAndStartsNothing(string path, HttpStatusCode expected)
    {
        using var response = await host.Http.PostAsync(new Uri(host.BaseUri, path), new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task GetDrill_Unknown_Is404()
    {
        using var response = await host.Http.GetAsync(new Uri(host.BaseUri, "api/drills/20261202T000000Z-drill-restore-00000000"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
