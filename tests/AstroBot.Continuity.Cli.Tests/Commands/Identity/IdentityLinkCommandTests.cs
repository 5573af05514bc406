using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Commands.Identity;

public sealed class IdentityLinkCommandTests : IAsyncLifetime
{
    private const string HolderPhone = "15550008001";
    private const string HolderBsuid = "US.80000000000000000001";
    private const string OtherBsuid = "US.80000000000000000002";

    private readonly CliHarness cli = new();
    private DirectoryPeople people = null!;
    private PersonRecord holder = null!;
    private PersonRecord other = null!;

    public async Task InitializeAsync()
    {
        people = new DirectoryPeople(cli);
        holder = await people.WriteAsync(new UserIdentifiers(HolderPhone, HolderBsuid));
        other = await people.WriteAsync(new UserIdentifiers(null, OtherBsuid, null, "other.person"));
    }

    public async Task DisposeAsync()
    {
        await people.DisposeAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_FreeIdentifier_LinksItToThePerson()
    {
        var run = await cli.InvokeAsync("identity", "link", "15550008999", "--to", "@other.person");

        run.AssertExitCode(0);
        Assert.Contains($"Linked phone:15550008999 to {other.UserKey}.", run.Out, StringComparison.Ordinal);
        Assert.Equal(other.UserKey, (await people.FindAsync("15550008999"))?.UserKey);
    }

    [Fact]
    public async Task Invoke_HeldByAnother_ExitsOneNamingTheHolderAndTheWaysOn()
    {
        var run = await cli.InvokeAsync("identity", "link", HolderPhone, "--to", OtherBsuid);

        run.AssertExitCode(1);
        Assert.Contains($"Not linked: phone:{HolderPhone} belongs to {holder.UserKey}.", run.Error, StringComparison.Ordinal);
        Assert.Contains("--move takes it from them", run.Error, StringComparison.Ordinal);
        Assert.Contains($"continuity import FILE.zip --as key:{other.UserKey}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"continuity erase --user key:{holder.UserKey}", run.Error, StringComparison.Ordinal);
        Assert.Equal(holder.UserKey, (await people.FindAsync(HolderPhone))?.UserKey);
    }

    [Fact]
    public async Task Invoke_HeldByAnotherWithMove_TakesItFromThem()
    {
        var run = await cli.InvokeAsync("identity", "link", HolderPhone, "--to", OtherBsuid, "--move");

        run.AssertExitCode(0);
        Assert.Contains($"Moved phone:{HolderPhone} from {holder.UserKey} to {other.UserKey}", run.Out, StringComparison.Ordinal);
        Assert.Equal(other.UserKey, (await people.FindAsync(HolderPhone))?.UserKey);
        Assert.Equal(holder.UserKey, (await people.FindAsync(HolderBsuid))?.UserKey);
    }

    [Fact]
    public async Task Invoke_AlreadyTheirs_ExitsZeroChangingNothing()
    {
        var run = await cli.InvokeAsync("identity", "link", "bsuid:" + HolderBsuid, "--to", HolderPhone);

        run.AssertExitCode(0);
        Assert.Contains($"bsuid:{HolderBsuid} already belongs to {holder.UserKey}; nothing changed.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsWhatHappenedInItsDocumentedShape()
    {
        var run = await cli.InvokeAsync("identity", "link", HolderPhone, "--to", other.UserKey, "--json");

        run.AssertExitCode(1);
        var result = run.Json();
        Assert.Equal("held_by_another", result.GetProperty("outcome").GetString());
        Assert.Equal(holder.UserKey, result.GetProperty("other_person").GetString());
        Assert.Equal(other.UserKey, result.GetProperty("user_key").GetString());
        Assert.Equal("phone", result.GetProperty("identifier").GetProperty("kind").GetString());
        Assert.Equal(HolderPhone, result.GetProperty("identifier").GetProperty("value").GetString());
        Snapshot.Matches("identity-link.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Theory]
    [InlineData("u-0123456789abcdef01234567")]
    [InlineData("bsuid:US.89999999999999999999")]
    public async Task Invoke_NoSuchPerson_ExitsOneAndLinksNothing(string target)
    {
        var run = await cli.InvokeAsync("identity", "link", "@free.name", "--to", target);

        run.AssertExitCode(1);
        Assert.Contains($"Nobody matches '{target}'", run.Error, StringComparison.Ordinal);
        Assert.Null(await people.FindAsync("@free.name"));
    }

    [Theory]
    [InlineData("u-0123456789abcdef01234567", "--to", HolderPhone, "is no identifier")]
    [InlineData("not-an-id", "--to", HolderPhone, "is no identifier")]
    [InlineData(HolderPhone, "--to", "not-a-person", "--to takes a user key or any identifier")]
    public async Task Invoke_BadInput_ExitsTwo(string identifier, string option, string target, string expected)
    {
        var run = await cli.InvokeAsync("identity", "link", identifier, option, target);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutTo_ExitsTwo()
    {
        var run = await cli.InvokeAsync("identity", "link", HolderPhone);

        run.AssertExitCode(2);
        Assert.Contains("--to", run.Error, StringComparison.Ordinal);
    }
}
