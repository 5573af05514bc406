using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Commands.Identity;

public sealed class IdentityShowCommandTests : IAsyncLifetime
{
    private const string OldPhone = "15550007001";
    private const string NewPhone = "15550007002";
    private const string OldBsuid = "US.70000000000000000001";
    private const string NewBsuid = "US.70000000000000000002";
    private const string Username = "sheena.nelson";

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
    public async Task Invoke_UsernameOfAPersonWhoChangedNumber_ShowsEveryIdentifierAndWhereRepliesGo()
    {
        var person = await PersonWhoChangedNumberAsync();

        var run = await cli.InvokeAsync("identity", "show", "@" + Username);

        run.AssertExitCode(0);
        Assert.Contains($"Person {person.UserKey} (active)", run.Out, StringComparison.Ordinal);
        Assert.Matches($@"phone\s+│\s+{OldPhone}\s+│\s+2026-11-27 08:00:00Z\s+│\s+2026-11-28 09:00:00Z", run.Out);
        Assert.Matches($@"phone\s+│\s+{NewPhone}\s+│\s+2026-11-28 09:00:00Z\s+│\s+current", run.Out);
        Assert.Matches($@"bsuid\s+│\s+{OldBsuid}\s+│.+│\s+2026-11-28 09:00:00Z", run.Out);
        Assert.Matches($@"username\s+│\s+{Username}\s+│.+│\s+current", run.Out);
        Assert.Contains($"Replies go to phone {NewPhone}.", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OldPhone)]
    [InlineData("bsuid:" + NewBsuid)]
    [InlineData(OldBsuid)]
    [InlineData("username:" + Username)]
    public async Task Invoke_AnyIdentifierTheyHadOrHave_FindsTheSamePerson(string reference)
    {
        var person = await PersonWhoChangedNumberAsync();

        var run = await cli.InvokeAsync("identity", "show", reference, "--json");

        run.AssertExitCode(0);
        Assert.Equal(person.UserKey, run.Json().GetProperty("user_key").GetString());
    }

    [Fact]
    public async Task Invoke_Json_PrintsThePersonInItsDocumentedShape()
    {
        var person = await PersonWhoChangedNumberAsync();

        var run = await cli.InvokeAsync("identity", "show", person.UserKey, "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal("active", result.GetProperty("state").GetString());
        Assert.True(result.GetProperty("in_directory").GetBoolean());
        Assert.Equal(5, result.GetProperty("identifiers").GetArrayLength());
        var current = result.GetProperty("identifiers").EnumerateArray().Where(identifier => identifier.GetProperty("current").GetBoolean());
        Assert.Equal([NewPhone, NewBsuid, Username], current.Select(identifier => identifier.GetProperty("value").GetString()));
        Assert.Equal("phone", result.GetProperty("reply_to").GetProperty("kind").GetString());
        Assert.Equal(NewPhone, result.GetProperty("reply_to").GetProperty("value").GetString());
        Snapshot.Matches("identity-show.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_UsernameUserWithoutPhone_RepliesGoToTheBsuid()
    {
        var person = await people.WriteAsync(new UserIdentifiers(null, OldBsuid, null, Username));

        var run = await cli.InvokeAsync("identity", "show", OldBsuid, "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.StartsWith("u-", person.UserKey, StringComparison.Ordinal);
        Assert.Equal(person.UserKey, result.GetProperty("user_key").GetString());
        Assert.Equal("bsuid", result.GetProperty("reply_to").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Invoke_NumberTheBotKnewBeforeTheDirectory_ShowsThePersonKeyedByIt()
    {
        await cli.SeedAsync();
        var waId = CliHarness.SeededUsers[0].WaId;

        var run = await cli.InvokeAsync("identity", "show", waId);

        run.AssertExitCode(0);
        Assert.Contains($"Person {waId} (active), known by phone number only", run.Out, StringComparison.Ordinal);
        Assert.Contains($"Replies go to phone {waId}.", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bsuid:US.99999999999999999999")]
    [InlineData("@nobody.here")]
    [InlineData("u-0123456789abcdef01234567")]
    [InlineData("15559990000")]
    public async Task Invoke_Nobody_ExitsOneSayingSo(string reference)
    {
        await PersonWhoChangedNumberAsync();

        var run = await cli.InvokeAsync("identity", "show", reference);

        run.AssertExitCode(1);
        Assert.Contains($"Nobody matches '{reference}'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("+1 555 0100")]
    [InlineData("phone:abc")]
    [InlineData("u-XYZ")]
    public async Task Invoke_NoIdentifier_ExitsTwoListingTheAcceptedForms(string reference)
    {
        var run = await cli.InvokeAsync("identity", "show", reference);

        run.AssertExitCode(2);
        Assert.Contains("is no user key or identifier", run.Error, StringComparison.Ordinal);
        Assert.Contains("@username", run.Error, StringComparison.Ordinal);
    }

    private async Task<AstroBot.Continuity.Identity.PersonRecord> PersonWhoChangedNumberAsync()
    {
        var before = new UserIdentifiers(OldPhone, OldBsuid, null, Username);
        await people.WriteAsync(before);
        return await people.ChangeNumberAsync(before, new UserIdentifiers(NewPhone, NewBsuid), DirectoryPeople.FirstSeen.AddDays(1).AddHours(1));
    }
}
