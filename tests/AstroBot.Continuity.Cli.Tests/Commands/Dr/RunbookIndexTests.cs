using AstroBot.Continuity.Cli.Commands.Dr;
using AstroBot.Continuity.Cli.Tests.Docs;
using AstroBot.Continuity.Recovery;

namespace AstroBot.Continuity.Cli.Tests.Commands.Dr;

public sealed class RunbookIndexTests
{
    private static readonly string Plan = File.ReadAllText(Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "dr", "README.md"));

    [Fact]
    public void Read_ThePlan_ListsEveryRunbookWithScenariosOfTheObjectives()
    {
        var sut = RunbookIndex.Read(Plan);

        Assert.Equal(7, sut.Count);
        Assert.Equal(["RegionOutageCompute", "RegionOutageCosmos", "RegionOutageStorage"], sut.Single(runbook => runbook.File == "region-outage.md").Scenarios);
        Assert.Equal(new RecoveryOptions().Objectives.Keys.Order(), sut.SelectMany(runbook => runbook.Scenarios).Order());
        Assert.All(sut, runbook => Assert.True(File.Exists(Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "dr", runbook.File)), runbook.File));
    }

    [Fact]
    public void WithLastDrilled_ThePlan_RewritesOnlyTheLastColumnOfEachRow()
    {
        var sut = RunbookIndex.WithLastDrilled(Plan, file => file == "kek-lost.md" ? "never (no drill)" : "2026-12-02, passed");

        Assert.Contains("| [kek-lost.md](kek-lost.md) | the key-encryption key lost | `KekLost` | never (no drill) |", sut, StringComparison.Ordinal);
        Assert.Contains("| `DataCorruption` | 2026-12-02, passed |", sut, StringComparison.Ordinal);
        Assert.Equal(Plan.Split('\n').Length, sut.Split('\n').Length);
        Assert.Equal(RunbookIndex.Read(Plan), RunbookIndex.Read(sut), new RunbookComparer());
    }

    private sealed class RunbookComparer : IEqualityComparer<Runbook>
    {
        public bool Equals(Runbook? x, Runbook? y) => x?.File == y?.File && x!.Scenarios.SequenceEqual(y!.Scenarios);

        public int GetHashCode(Runbook obj) => obj.File.GetHashCode(StringComparison.Ordinal);
    }
}
