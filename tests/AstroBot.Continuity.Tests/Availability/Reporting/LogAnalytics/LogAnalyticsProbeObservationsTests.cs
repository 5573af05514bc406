using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using Microsoft.Extensions.Options;
using static AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics.RecordedLogAnalytics;

namespace AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics;

public sealed class LogAnalyticsProbeObservationsTests
{
    private static readonly string[] Columns = ["Wamid", "Region", "Up", "ProbeError"];
    private static readonly DateTimeOffset From = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_TheProbesEvents_AreRunsSentWhenTheirWamidSays()
    {
        var up = ProbeWamid.Create(From.AddMinutes(3).AddMilliseconds(250));
        var down = ProbeWamid.Create(From.AddMinutes(4));
        var service = new RecordedLogAnalytics(Table(Columns, [up, "westeurope", "True", ""], [down, "northeurope", "False", "the endpoint answered 503 Service Unavailable"]));

        var observations = await Sut(service).ReadAsync(From, To, CancellationToken.None);

        Assert.Equal(
            [new ProbeObservation(From.AddMinutes(3).AddMilliseconds(250), "westeurope", true, null), new ProbeObservation(From.AddMinutes(4), "northeurope", false, "the endpoint answered 503 Service Unavailable")],
            observations);
    }

    [Fact]
    public async Task ReadAsync_ARange_QueriesTheProbesEventAndReadsLongEnoughForTheLastRunsToBeLogged()
    {
        var service = new RecordedLogAnalytics(Table(Columns));

        await Sut(service).ReadAsync(From, To, CancellationToken.None);

        var request = Assert.Single(service.Requests);
        Assert.Contains("AppTraces", (string?)request.Json["query"], StringComparison.Ordinal);
        Assert.Contains("tostring(Properties.EventId) == '1700'", (string?)request.Json["query"], StringComparison.Ordinal);
        Assert.Equal("2027-02-01T00:00:00Z/2027-03-01T00:10:00Z", (string?)request.Json["timespan"]);
    }

    [Fact]
    public async Task ReadAsync_RowsOutsideTheRangeOrNotTheProbes_AreLeftOut()
    {
        var service = new RecordedLogAnalytics(Table(
            Columns,
            [ProbeWamid.Create(To.AddMinutes(1)), "westeurope", "True", null],
            [ProbeWamid.Create(From.AddTicks(-TimeSpan.TicksPerMillisecond)), "westeurope", "True", null],
            ["wamid.HBgLMTU1NTAwMDMwMDEVAgASGBQzQTk", "westeurope", "True", null],
            [ProbeWamid.Create(From), "", "True", null],
            [ProbeWamid.Create(From.AddHours(1)), "westeurope", "false", null]));

        var observations = await Sut(service).ReadAsync(From, To, CancellationToken.None);

        Assert.Equal([new ProbeObservation(From.AddHours(1), "westeurope", false, "not up (no reason logged)")], observations);
    }

    [Fact]
    public async Task ReadAsync_TheQueryRefused_Throws()
    {
        var service = new RecordedLogAnalytics(new Answer(403, """{"error":{"code":"InsufficientAccessError","message":"no"}}"""));

        await Assert.ThrowsAsync<LogAnalyticsQueryException>(() => Sut(service).ReadAsync(From, To, CancellationToken.None));
    }

    [Fact]
    public void Description_NamesTheWorkspace()
    {
        Assert.Equal($"Log Analytics workspace {WorkspaceId}", Sut(new RecordedLogAnalytics()).Description);
    }

    private static LogAnalyticsProbeObservations Sut(RecordedLogAnalytics service) =>
        new(service.Client(), Options.Create(new SlaReportOptions { LogAnalyticsWorkspaceId = WorkspaceId }));
}
