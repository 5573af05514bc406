using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Tests.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

public sealed class IncidentControlTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;

    private IncidentControl Sut => world.Harness.Get<IncidentControl>();

    public async Task InitializeAsync() => world = await IncidentWorlds.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Theory]
    [InlineData("", "The message is empty")]
    [InlineData("   ", "The message is only blanks")]
    public async Task OpenAsync_AnEmptyMessage_IsRefusedAndStoresNothing(string message, string expected)
    {
        var result = await Sut.OpenAsync(message, "ops", CancellationToken.None);

        Assert.Null(result.Incident);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        Assert.Equal(IncidentState.None, (await Sut.StatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task OpenAsync_AMessageTooLong_IsRefused()
    {
        var result = await Sut.OpenAsync(new string('x', IncidentRequest.MaxMessageLength + 1), "ops", CancellationToken.None);

        Assert.Null(result.Incident);
        Assert.Contains("holds 1000 at most", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NoneOpen_OpensOneAnOperatorOpened()
    {
        var result = await Sut.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);

        var status = await Sut.StatusAsync(CancellationToken.None);
        Assert.True(result.Created);
        Assert.Equal(IncidentState.Open, status.State);
        Assert.Equal(result.Incident, status.Incident);
        Assert.Equal(IncidentSource.Operator, status.Incident!.Source);
        Assert.Equal(world.Time.GetUtcNow(), status.Incident.OpenedAt);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$", status.Incident.Id);
        Assert.Equal([result.Incident!.Id], status.Recent.Select(incident => incident.Id));
    }

    [Fact]
    public async Task OpenAsync_WhileOneIsOpen_ChangesItsMessageAndKeepsItsId()
    {
        var first = await Sut.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(5));

        var second = await Sut.OpenAsync("Replies are delayed; we found the cause.", "oncall", CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(first.Incident!.Id, second.Incident!.Id);
        Assert.Equal("ops", second.Incident.OpenedBy);
        Assert.Equal("Replies are delayed; we found the cause.", second.Incident.Message);
        Assert.Equal(world.Time.GetUtcNow(), second.Incident.UpdatedAt);
        Assert.Single((await Sut.StatusAsync(CancellationToken.None)).Recent);
    }

    [Fact]
    public async Task ResolveAsync_NoneOpen_ResolvesNothing()
    {
        var result = await Sut.ResolveAsync(null, "ops", CancellationToken.None);

        Assert.Null(result.Incident);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task ResolveAsync_AnOpenIncident_ResolvesItWithItsWordsAndKeepsItInTheHistory()
    {
        var opened = await Sut.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(30));

        var result = await Sut.ResolveAsync("A storage outage in West Europe.", "oncall", CancellationToken.None);
        var again = await Sut.ResolveAsync(null, "oncall", CancellationToken.None);

        Assert.Equal(world.Time.GetUtcNow(), result.Incident!.ResolvedAt);
        Assert.Null(again.Incident);
        var status = await Sut.StatusAsync(CancellationToken.None);
        Assert.Equal(IncidentState.Resolved, status.State);
        Assert.Equal("A storage outage in West Europe.", status.Incident!.Resolution);
        Assert.Equal("oncall", status.Incident.ResolvedBy);
        var past = Assert.Single(status.Recent);
        Assert.Equal(opened.Incident!.Id, past.Id);
        Assert.False(past.IsOpen);
    }

    [Fact]
    public async Task OpenAsync_AfterTheLastWasResolved_OpensANewOneListedFirst()
    {
        var first = await Sut.OpenAsync("Replies are delayed.", "ops", CancellationToken.None);
        await Sut.ResolveAsync(null, "ops", CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(1));

        var second = await Sut.OpenAsync("Messages are not accepted.", "ops", CancellationToken.None);

        Assert.True(second.Created);
        Assert.NotEqual(first.Incident!.Id, second.Incident!.Id);
        Assert.Equal([second.Incident.Id, first.Incident.Id], (await Sut.StatusAsync(CancellationToken.None)).Recent.Select(incident => incident.Id));
    }
}
