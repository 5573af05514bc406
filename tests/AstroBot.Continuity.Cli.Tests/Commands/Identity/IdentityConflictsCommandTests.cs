using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Commands.Identity;

public sealed class IdentityConflictsCommandTests : IAsyncLifetime
{
    private const string FirstPhone = "15550009001";
    private const string SecondPhone = "15550009002";
    private const string SecondBsuid = "US.90000000000000000002";

    private readonly CliHarness cli = new();
    private DirectoryPeople people = null!;

    public Task InitializeAsync()
    {
        people = new DirectoryPeople(cli);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await people.DisposeAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_NoConflicts_SaysSo()
    {
        var run = await cli.InvokeAsync("identity", "conflicts");

        run.AssertExitCode(0);
        Assert.Contains("No open conflicts.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ANumberTwoPeopleClaim_ListsItWithBothSides()
    {
        var (holder, claimer) = await ConflictAsync();

        var run = await cli.InvokeAsync("identity", "conflicts");

        run.AssertExitCode(0);
        Assert.Matches($@"phone:{FirstPhone}\s+│\s+{holder}\s+│\s+{claimer}\s+│\s+2026-11-28 08:00:00Z", run.Out);
        Assert.Contains("1 open conflicts.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheConflictsInTheirDocumentedShape()
    {
        var (holder, claimer) = await ConflictAsync();

        var run = await cli.InvokeAsync("identity", "conflicts", "--json");

        run.AssertExitCode(0);
        var conflict = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(FirstPhone, conflict.GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal(holder, conflict.GetProperty("held_by").GetString());
        Assert.Equal(claimer, conflict.GetProperty("claimed_by").GetString());
        Snapshot.Matches("identity-conflicts.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_AfterTheOperatorLinkedIt_TheConflictIsGone()
    {
        var (_, claimer) = await ConflictAsync();
        (await cli.InvokeAsync("identity", "link", FirstPhone, "--to", claimer, "--move")).AssertExitCode(0);

        var run = await cli.InvokeAsync("identity", "conflicts", "--json");

        run.AssertExitCode(0);
        Assert.Equal(0, run.Json().GetArrayLength());
    }

    // Two people, then a message with the first one's number and the second one's BSUID: the BSUID decides, and the
    // number stays with the first person as a conflict.
    private async Task<(string Holder, string Claimer)> ConflictAsync()
    {
        var holder = await people.WriteAsync(new UserIdentifiers(FirstPhone, "US.90000000000000000001"));
        var claimer = await people.WriteAsync(new UserIdentifiers(SecondPhone, SecondBsuid));
        await people.WriteAsync(new UserIdentifiers(FirstPhone, SecondBsuid), DirectoryPeople.FirstSeen.AddDays(1));
        return (holder.UserKey, claimer.UserKey);
    }
}
