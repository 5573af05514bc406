using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Cli.Tests.Commands;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// The SLA report from real probe records: the real probe runs against a real local host (its own address, as
/// <c>continuity serve</c> probes), up while the host serves and down once it is stopped, each run in a minute of its
/// own (the host's clock is moved, not waited for); then <c>continuity sla report</c> reads those records.
/// </summary>
public sealed class SlaReportEndToEndTests : IAsyncLifetime
{
    private static readonly DateTimeOffset First = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly ShiftedClock clock = new(First);
    private readonly CliHarness cli = new() { Time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.Zero)) };
    private GraphApiSink sink = null!;
    private Microsoft.AspNetCore.Builder.WebApplication host = null!;

    public async Task InitializeAsync()
    {
        sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        var configuration = LocalHostFixture.Configuration(sink.BaseUri, new Dictionary<string, string?>
        {
            ["Availability:Region"] = "region-1",
            ["Availability:ProbeHandOverWithin"] = "00:00:30",
            ["Availability:ProbePollInterval"] = "00:00:00.100",
        });
        cli.Settings["Availability:ProbeTableName"] = configuration["Availability:ProbeTableName"]!;
        host = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0", LocalHostWorkers.Inbox, clock);
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await LocalHostFixture.DropAsync(host.Services);
        await host.DisposeAsync();
        await sink.DisposeAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Report_OverRealProbeRuns_ShowsTheUpAndDownMinutesAndTheOutage()
    {
        var probe = host.Services.GetRequiredService<AvailabilityProbe>();
        for (var minute = 0; minute < 3; minute++)
        {
            clock.MoveTo(First.AddMinutes(minute).AddSeconds(5));
            var record = await probe.ProbeAsync(CancellationToken.None);
            Assert.True(record?.Up, record?.Error);
        }

        await host.StopAsync(); // the endpoint is down: connections are refused
        for (var minute = 3; minute < 5; minute++)
        {
            clock.MoveTo(First.AddMinutes(minute).AddSeconds(5));
            var record = await probe.ProbeAsync(CancellationToken.None);
            Assert.False(record?.Up);
        }

        var run = await cli.InvokeAsync("sla", "report", "--month", "2026-06", "--json");

        run.AssertExitCode(0);
        var report = run.Json();
        var minutes = report.GetProperty("minutes");
        Assert.Equal((3, 2, 30 * 1440 - 5), (minutes.GetProperty("up").GetInt32(), minutes.GetProperty("down").GetInt32(), minutes.GetProperty("unknown").GetInt32()));
        Assert.Equal(5, report.GetProperty("probe_runs").GetInt32());
        Assert.Equal(["region-1"], report.GetProperty("regions").EnumerateArray().Select(region => region.GetString()));
        var incident = report.GetProperty("incidents").EnumerateArray().Single();
        Assert.Equal(First.AddMinutes(3), incident.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(First.AddMinutes(5), incident.GetProperty("end").GetDateTimeOffset());
        Assert.StartsWith("no answer from the endpoint", incident.GetProperty("first_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(30 * 1440 * 0.001 - 2, report.GetProperty("budget").GetProperty("left_minutes").GetDouble(), 6);
    }
}
