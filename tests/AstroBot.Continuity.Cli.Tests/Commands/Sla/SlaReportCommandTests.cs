using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Cli.Tests.Commands.Sla;

/// <summary><c>continuity sla report</c> against Azurite, over probe records written to a probe table of its own.</summary>
public sealed class SlaReportCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Outage = new(2027, 2, 10, 10, 5, 0, TimeSpan.Zero);

    private readonly CliHarness cli = new() { Time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 20, 12, 0, 0, TimeSpan.Zero)) };
    private readonly string directory = Directory.CreateTempSubdirectory("sla-report-").FullName;

    public async Task InitializeAsync()
    {
        cli.Settings["Availability:ProbeTableName"] = EmulatorEndpoints.UniqueName("probes");
        await using var services = cli.BuildServices();
        var table = services.GetRequiredService<ProbeTable>();
        for (var minute = -5; minute < 4; minute++)
        {
            var sentAt = Outage.AddMinutes(minute).AddSeconds(3);
            var up = minute is < 0 or 3;
            var wamid = ProbeWamid.Create(sentAt);
            await table.StartAsync(wamid, sentAt, "region-a", CancellationToken.None);
            await table.CompleteAsync(
                new ProbeRecord(wamid, sentAt, "region-a", true, up, up ? 200 : null, 12, up, up ? 250 : null, up ? "region-a" : null, up,
                    up ? null : "no answer from the endpoint: Connection refused (127.0.0.1:7071)"),
                CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await new TableServiceClient(EmulatorEndpoints.StorageConnectionString).DeleteTableAsync(cli.Settings["Availability:ProbeTableName"]);

        await cli.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Report_AMonthWithAnOutage_ShowsTheFiguresTheIncidentAndTheVerdict()
    {
        var run = await cli.InvokeAsync("sla", "report", "--month", "2027-02");

        run.AssertExitCode(0);
        Assert.Contains("AstroBot availability, February 2027 (2027-02-01 to 2027-03-01 (the whole month, UTC); probe table ", run.Out, StringComparison.Ordinal);
        Assert.Contains("66.667% of the measured minutes were up in February 2027: the 99.9% objective is missed.", run.Out, StringComparison.Ordinal);
        Assert.Contains("2027-02-10 10:05Z to 10:08Z", run.Out, StringComparison.Ordinal);
        Assert.Contains("no answer from the endpoint: Connection refused (127.0.0.1:7071)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Days below 99.9%: 02-10 66.667%.", run.Out, StringComparison.Ordinal);
        Assert.Contains("40,311 min", run.Out, StringComparison.Ordinal); // unknown: every minute without a record
    }

    [Fact]
    public async Task Report_Json_PrintsTheReportInItsDocumentedShape()
    {
        var run = await cli.InvokeAsync("sla", "report", "--month", "2027-02", "--json");

        run.AssertExitCode(0);
        var report = run.Json();
        Assert.Equal("2027-02", report.GetProperty("month").GetString());
        Assert.Equal("complete", report.GetProperty("state").GetString());
        Assert.Equal(6, report.GetProperty("minutes").GetProperty("up").GetInt32());
        Assert.Equal(3, report.GetProperty("minutes").GetProperty("down").GetInt32());
        Assert.Equal(3, report.GetProperty("budget").GetProperty("used_minutes").GetInt32());
        Assert.Equal("2027-02-10T10:05:00+00:00", report.GetProperty("incidents")[0].GetProperty("start").GetString());
        Assert.False(report.GetProperty("objective_met").GetBoolean());
        Snapshot.Matches("sla-report.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Theory]
    [InlineData("report.svg", "<svg")]
    [InlineData("report.png", "PNG")]
    public async Task Report_APicture_WritesItInTheFilesFormat(string name, string expected)
    {
        var file = Path.Combine(directory, name);

        var run = await cli.InvokeAsync("sla", "report", "--month", "2027-02", "--picture", file);

        run.AssertExitCode(0);
        Assert.Contains($"Picture: {file}", run.Out, StringComparison.Ordinal);
        Assert.Contains(expected, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoMonth_IsTheCurrentMonthSoFarWhichHasNoRecords()
    {
        var run = await cli.InvokeAsync("sla", "report");

        run.AssertExitCode(0);
        Assert.Contains("2027-03-01 to 2027-03-20 12:00Z (the month so far, UTC)", run.Out, StringComparison.Ordinal);
        Assert.Contains("No probe records for March 2027 in the probe table", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AFutureMonth_SaysItHasNotBegun()
    {
        var run = await cli.InvokeAsync("sla", "report", "--month", "2027-05");

        run.AssertExitCode(0);
        Assert.Contains("May 2027 has not begun: nothing to measure yet.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AMalformedMonth_ExitsTwoSayingWhatIsExpected()
    {
        var run = await cli.InvokeAsync("sla", "report", "--month", "02/2027");

        run.AssertExitCode(2);
        Assert.Contains("--month: The month must be YYYY-MM", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("AstroBot availability", run.Out, StringComparison.Ordinal); // the help, no report
    }
}
