using AstroBot.Continuity.Backup.Runs;

namespace AstroBot.Continuity.Tests.Backup.Runs;

public sealed class ContainerRangesProgressTests
{
    [Fact]
    public void ForRange_RangesReportInTurn_TheContainerSeesTheirLatestCountsAddedUp()
    {
        var seen = new List<BackupProgress>();
        var sut = new ContainerRangesProgress(new Recording(seen));

        sut.ForRange(0).Report(new BackupProgress("messages", 10, 100));
        sut.ForRange(1).Report(new BackupProgress("messages", 4, 40));
        sut.ForRange(0).Report(new BackupProgress("messages", 12, 120));

        Assert.Equal(
            [new BackupProgress("messages", 10, 100), new BackupProgress("messages", 14, 140), new BackupProgress("messages", 16, 160)],
            seen);
    }

    private sealed class Recording(List<BackupProgress> seen) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => seen.Add(value);
    }
}
