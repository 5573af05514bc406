using AstroBot.Continuity.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

public sealed class MaintenanceControlTests : IAsyncLifetime
{
    private MaintenanceWorld world = null!;

    public async Task InitializeAsync() => world = await MaintenanceWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task StartAsync_AnEndInThePast_IsRefusedAndStoresNothing()
    {
        var past = world.Time.GetUtcNow().AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var result = await world.Control.StartAsync(past, "Back soon.", "ops", CancellationToken.None);

        Assert.Null(result.Window);
        Assert.Contains("is not in the future", result.Problem, StringComparison.Ordinal);
        Assert.Null(await world.Harness.Get<MaintenanceStore>().ReadAsync(CancellationToken.None));
        Assert.Equal(MaintenanceState.None, (await world.Control.StatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task StartAsync_NoWindow_StoresAnActiveWindowUntilTheEnd()
    {
        var result = await world.Control.StartAsync("2h", "Back soon.", "ops", CancellationToken.None);

        var status = await world.Control.StatusAsync(CancellationToken.None);
        Assert.True(result.Created);
        Assert.Equal(MaintenanceState.Active, status.State);
        Assert.Equal(result.Window, status.Window);
        Assert.Equal(world.Time.GetUtcNow().AddHours(2), status.Window!.Until);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$", status.Window.Id);
    }

    [Fact]
    public async Task StartAsync_WhileActive_KeepsTheIdSoNobodyIsToldTwice()
    {
        var first = await world.Control.StartAsync("1h", "Back soon.", "ops", CancellationToken.None);

        var second = await world.Control.StartAsync("3h", "Longer.", "ops", CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(first.Window!.Id, second.Window!.Id);
        Assert.Equal("Longer.", second.Window.Message);
    }

    [Fact]
    public async Task StartAsync_AfterTheLastEnded_StartsANewWindow()
    {
        var first = await world.Control.StartAsync("1h", "Back soon.", "ops", CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(2));

        var second = await world.Control.StartAsync("1h", "Again.", "ops", CancellationToken.None);

        Assert.True(second.Created);
        Assert.NotEqual(first.Window!.Id, second.Window!.Id);
    }

    [Fact]
    public async Task StopAsync_AnActiveWindow_EndsItNow()
    {
        await world.Control.StartAsync("1h", "Back soon.", "ops", CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(10));

        var stopped = await world.Control.StopAsync("oncall", CancellationToken.None);

        Assert.Equal(world.Time.GetUtcNow(), stopped!.StoppedAt);
        Assert.Equal(world.Time.GetUtcNow(), stopped.EndsAt);
        Assert.Equal(MaintenanceState.Stopped, (await world.Control.StatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task StopAsync_NothingActive_ReturnsNull()
    {
        Assert.Null(await world.Control.StopAsync("oncall", CancellationToken.None));
    }
}
