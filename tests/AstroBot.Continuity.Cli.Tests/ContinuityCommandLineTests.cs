using System.CommandLine;
using System.CommandLine.Help;
using AstroBot.Continuity.Cli.Tests.Commands;
using AstroBot.Continuity.Tests.Fixtures;

namespace AstroBot.Continuity.Cli.Tests;

public class ContinuityCommandLineTests
{
    [Fact]
    public void Create_ListsTheVerbsOfThisRelease()
    {
        var sut = ContinuityCommandLine.Create();

        Assert.Equal(["backup", "chat", "dr", "drill", "erase", "export", "failover", "frontdoor", "identity", "import", "inbox", "incident", "maintenance", "outbox", "restore", "seed", "serve", "sla", "status"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_SlaHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "sla");

        Assert.Equal(["report"], sut.Subcommands.Select(command => command.Name));
    }

    [Fact]
    public void Create_DrillHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "drill");

        Assert.Equal(["list", "run", "show"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_DrHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "dr");

        Assert.Equal(["runbooks", "status"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_IdentityHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "identity");

        Assert.Equal(["conflicts", "link", "show"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_InboxHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "inbox");

        Assert.Equal(["drain", "redrive", "status"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_MaintenanceHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "maintenance");

        Assert.Equal(["start", "status", "stop"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_OutboxHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "outbox");

        Assert.Equal(["status"], sut.Subcommands.Select(command => command.Name));
    }

    [Fact]
    public void Create_IncidentHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "incident");

        Assert.Equal(["open", "resolve", "status"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Create_BackupHasItsVerbs()
    {
        var sut = ContinuityCommandLine.Create().Subcommands.Single(command => command.Name == "backup");

        Assert.Equal(["list", "prune", "run", "test-restore", "verify"], sut.Subcommands.Select(command => command.Name).Order());
    }

    [Fact]
    public void Chat_WithoutAs_WritesAsTheFirstUserSeedWrites()
    {
        // eng/serve seeds with the default seed, so the chat's EXPORT has a profile and readings to show.
        var sut = ContinuityCommandLine.Create().Parse("chat");

        Assert.Equal(CliHarness.SeededUsers[0].WaId, sut.GetValue<string>("--as"));
    }

    [Fact]
    public void Chat_UsernameWithAt_IsTheUsernameNotAResponseFile()
    {
        var sut = ContinuityCommandLine.Create().Parse(["chat", "--username", "@sheena.nelson"], ContinuityCommandLine.Parsing);

        Assert.Empty(sut.Errors);
        Assert.Equal("sheena.nelson", sut.GetValue<string>("--username"));
    }

    [Theory]
    [InlineData("15550000001")]
    [InlineData("u-0123456789abcdef01234567")]
    [InlineData("US.13491208655302741918")]
    [InlineData("US.ENT.11815799212886844830")]
    [InlineData("@sheena.nelson")]
    [InlineData("phone:15550000001")]
    [InlineData("bsuid:US.13491208655302741918")]
    [InlineData("parent_bsuid:US.ENT.11815799212886844830")]
    [InlineData("username:sheena.nelson")]
    public void Parse_UserOption_TakesAKeyOrAnyIdentifier(string user)
    {
        var sut = ContinuityCommandLine.Create();

        var result = sut.Parse(["export", "--user", user, "--out", "user.zip"], ContinuityCommandLine.Parsing);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("seed --users 0", "--users must be between 1 and")]
    [InlineData("seed --users 5 --readings-per-user -1", "--readings-per-user cannot be negative")]
    [InlineData("seed", "--users")]
    [InlineData("chat --host ftp://example.org", "--host takes an absolute http(s) URL")]
    [InlineData("chat --host not-a-url", "--host takes an absolute http(s) URL")]
    [InlineData("backup run --full --incremental", "--full and --incremental cannot be combined")]
    [InlineData("backup verify 2026-11-27", "ids look like 20261127T020000Z-full-1a2b3c4d")]
    [InlineData("restore --at yesterday", "--at takes an ISO 8601 time")]
    [InlineData("restore not-an-id", "ids look like 20261127T020000Z-full-1a2b3c4d")]
    [InlineData("export --all", "--out")]
    [InlineData("export --out x.zip", "Choose whom to export")]
    [InlineData("import", "Name what to import")]
    [InlineData("import --all . --as 15550000001", "--as imports one archive as another user")]
    [InlineData("erase --user 555-0100", "--user takes a user key or any identifier")]
    [InlineData("export --user phone:abc --out x.zip", "--user takes a user key or any identifier")]
    [InlineData("export --user u-ABC --out x.zip", "--user takes a user key or any identifier")]
    [InlineData("restore --user 555-0100", "--user takes a user key or any identifier")]
    [InlineData("chat --as 555-0100", "--as takes a phone number")]
    [InlineData("chat --bsuid 12345", "--bsuid takes a business-scoped user ID")]
    [InlineData("chat --bsuid US.ENT.11815799212886844830", "--bsuid takes a business-scoped user ID")]
    [InlineData("chat --username a!b", "--username takes a WhatsApp username")]
    [InlineData("chat --as 15550000001 --username sheena", "--as and --username cannot be combined")]
    [InlineData("identity show not-an-id", "is no user key or identifier")]
    [InlineData("identity link u-0123456789abcdef01234567 --to 15550000001", "is no identifier")]
    [InlineData("identity link 15550000001 --to 555-0100", "--to takes a user key or any identifier")]
    [InlineData("identity link 15550000001", "--to")]
    [InlineData("inbox redrive --max 0", "--max must be at least 1")]
    [InlineData("inbox redrive --max many", "many")]
    [InlineData("inbox redrive --queue Inbox", "'Inbox' is no queue")]
    [InlineData("inbox redrive --queue whatsapp-inbox-poison", "name the queue its messages go back to, 'whatsapp-inbox'")]
    [InlineData("frontdoor --origin 127.0.0.1:7073", "--origin takes an absolute http(s) URL")]
    [InlineData("frontdoor --origin http://127.0.0.1:7073 --origin ftp://example.org", "not 'ftp://example.org'")]
    [InlineData("frontdoor --listen :7071 --origin http://127.0.0.1:7073", "--listen takes an absolute http(s) URL")]
    [InlineData("frontdoor --origin http://127.0.0.1:7073 --graph-sink sink", "--graph-sink takes an absolute http(s) URL")]
    [InlineData("maintenance start --until tomorrow --message hi", "--until takes an ISO 8601 time")]
    [InlineData("maintenance start --message hi", "--until")]
    [InlineData("maintenance start --until 2h", "--message")]
    [InlineData("sla report --month 2027-13", "--month: The month must be YYYY-MM")]
    [InlineData("sla report --month 2027-2", "got '2027-2'")]
    [InlineData("drill run chaos", "chaos")]
    [InlineData("drill run restore --host 127.0.0.1:7071", "--host takes an absolute http(s) URL")]
    [InlineData("drill run restore --function-key k", "--function-key goes with --host")]
    [InlineData("drill show ../drills", "is no drill id")]
    public void Parse_BadInput_ReportsWhatIsWrong(string commandLine, string expected)
    {
        var sut = ContinuityCommandLine.Create();

        var result = sut.Parse(commandLine, ContinuityCommandLine.Parsing);

        Assert.Contains(result.Errors, error => error.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RepeatedConfig_KeepsEveryPair()
    {
        var result = ContinuityCommandLine.Create().Parse("serve --config A=1 -c B=2");

        Assert.Empty(result.Errors);
        Assert.Equal(["A=1", "B=2"], result.GetValue(Cli.Commands.GlobalOptions.Config)!);
    }

    [Fact]
    public void Parse_RepeatedContainer_KeepsEveryName()
    {
        var result = ContinuityCommandLine.Create().Parse("restore latest --container accounts --container profiles");

        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task InvokeAsync_BadInput_ExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ContinuityCommandLine.InvokeAsync(["restore", "--at", "not-a-time"], new InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("--at takes an ISO 8601 time", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_BackupStorageDown_ExitsThree()
    {
        var cli = new CliHarness();
        cli.Settings["Backup:ConnectionString"] = EmulatorEndpoints.UnreachableStorageConnectionString;
        try
        {
            var run = await cli.InvokeAsync("backup", "list");

            run.AssertExitCode(3);
            Assert.Contains("Azure Storage does not answer", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            await cli.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("backup", "backup-help.txt")]
    [InlineData("backup run", "backup-run-help.txt")]
    [InlineData("restore", "restore-help.txt")]
    [InlineData("export", "export-help.txt")]
    [InlineData("import", "import-help.txt")]
    [InlineData("erase", "erase-help.txt")]
    [InlineData("chat", "chat-help.txt")]
    [InlineData("identity", "identity-help.txt")]
    [InlineData("identity show", "identity-show-help.txt")]
    [InlineData("identity link", "identity-link-help.txt")]
    [InlineData("identity conflicts", "identity-conflicts-help.txt")]
    [InlineData("inbox", "inbox-help.txt")]
    [InlineData("inbox status", "inbox-status-help.txt")]
    [InlineData("inbox redrive", "inbox-redrive-help.txt")]
    [InlineData("inbox drain", "inbox-drain-help.txt")]
    [InlineData("frontdoor", "frontdoor-help.txt")]
    [InlineData("maintenance", "maintenance-help.txt")]
    [InlineData("maintenance start", "maintenance-start-help.txt")]
    [InlineData("maintenance stop", "maintenance-stop-help.txt")]
    [InlineData("maintenance status", "maintenance-status-help.txt")]
    [InlineData("outbox", "outbox-help.txt")]
    [InlineData("outbox status", "outbox-status-help.txt")]
    [InlineData("incident", "incident-help.txt")]
    [InlineData("incident open", "incident-open-help.txt")]
    [InlineData("incident resolve", "incident-resolve-help.txt")]
    [InlineData("incident status", "incident-status-help.txt")]
    [InlineData("sla", "sla-help.txt")]
    [InlineData("sla report", "sla-report-help.txt")]
    [InlineData("drill", "drill-help.txt")]
    [InlineData("drill run", "drill-run-help.txt")]
    [InlineData("drill list", "drill-list-help.txt")]
    [InlineData("drill show", "drill-show-help.txt")]
    [InlineData("failover", "failover-help.txt")]
    [InlineData("failover approve", "failover-approve-help.txt")]
    [InlineData("dr", "dr-help.txt")]
    [InlineData("dr status", "dr-status-help.txt")]
    [InlineData("dr runbooks", "dr-runbooks-help.txt")]
    public async Task InvokeAsync_HelpOfAnOperatorVerb_MatchesTheSnapshot(string verb, string snapshot)
    {
        var sut = ContinuityCommandLine.Create();
        // A fixed width, so the snapshot does not depend on the terminal that runs the tests.
        ((HelpAction)sut.Options.OfType<HelpOption>().Single().Action!).MaxWidth = 120;
        using var output = new StringWriter();

        var exitCode = await sut.Parse([.. verb.Split(' '), "--help"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        // The root command is named after the running executable: the test host here, continuity for operators.
        Snapshot.Matches(snapshot, output.ToString().Replace($"  {sut.Name} ", "  continuity ", StringComparison.Ordinal));
    }
}
