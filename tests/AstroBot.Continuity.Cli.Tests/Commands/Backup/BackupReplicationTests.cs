using AstroBot.Continuity.Cli.Commands.Backup;

namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public class BackupReplicationTests
{
    private static readonly DateTimeOffset Completed = new(2026, 11, 27, 2, 10, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(-5, false)]
    public void Replicated_LastSyncAgainstCompletion_IsWhetherTheSyncCameAfter(int minutesAfter, bool expected)
    {
        var sut = new BackupReplication(Completed, Completed.AddMinutes(minutesAfter));

        Assert.Equal(expected, sut.Replicated);
    }

    [Fact]
    public void Replicated_NoLastSyncTime_IsUnknown()
    {
        var sut = new BackupReplication(Completed, null);

        Assert.Null(sut.Replicated);
        Assert.Contains("unknown", sut.Describe(), StringComparison.Ordinal);
    }
}
