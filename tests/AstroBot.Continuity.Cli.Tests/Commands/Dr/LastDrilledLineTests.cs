using AstroBot.Continuity.Cli.Commands.Dr;

namespace AstroBot.Continuity.Cli.Tests.Commands.Dr;

public sealed class LastDrilledLineTests
{
    private const string Runbook =
        "# Runbook: data corrupted\n\n**Last drilled:** never: the drills (issue 13 item 2) are not built yet. Objective: `DataCorruption` (RTO 4 h, RPO\n" +
        "5 min; [plan](README.md#recovery-objectives)). What is tested: restores.\n\n## Steps\n";

    [Fact]
    public void Rewrite_ThePlansFirstLine_ReplacesTheFirstSentenceAndKeepsWhatIsTested()
    {
        var sut = LastDrilledLine.Rewrite(Runbook, "2026-12-02 (restore drill x, passed: RTO 00:00:12 against 04:00:00, RPO 00:00:03 against 00:05:00)");

        Assert.Equal(
            "# Runbook: data corrupted\n\n**Last drilled:** 2026-12-02 (restore drill x, passed: RTO 00:00:12 against 04:00:00, RPO 00:00:03 against 00:05:00). Objective: `DataCorruption` (RTO 4 h, RPO\n" +
            "5 min; [plan](README.md#recovery-objectives)). What is tested: restores.\n\n## Steps\n",
            sut);
    }

    [Fact]
    public void Rewrite_Twice_ReplacesItsOwnStatus()
    {
        var once = LastDrilledLine.Rewrite(Runbook, "never (no drill covers this scenario)")!;

        var sut = LastDrilledLine.Rewrite(once, "2027-01-01 (restore drill y, failed: RTO - against 04:00:00, RPO - against 00:05:00)");

        Assert.StartsWith("# Runbook: data corrupted\n\n**Last drilled:** 2027-01-01 (restore drill y, failed: RTO - against 04:00:00, RPO - against 00:05:00). Objective:", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NoLastDrilledLine_IsNull() => Assert.Null(LastDrilledLine.Rewrite("# Runbook\n\nNothing here. Really.\n", "never"));
}
