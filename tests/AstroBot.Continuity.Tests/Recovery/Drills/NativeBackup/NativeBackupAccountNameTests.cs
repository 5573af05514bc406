using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;

namespace AstroBot.Continuity.Tests.Recovery.Drills.NativeBackup;

public sealed class NativeBackupAccountNameTests
{
    [Fact]
    public void For_DrillId_IsAValidAccountNameOfItsStartAndRandomPart()
    {
        var drillId = DrillId.New(DrillKind.NativeBackup, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

        var sut = NativeBackupAccountName.For(drillId);

        Assert.Equal("astrobot-drill-20261128t090000z-" + drillId[^8..], sut);
        Assert.InRange(sut.Length, 3, 44);
        Assert.Matches(AstroBot.Continuity.Arm.ArmNamePatterns.CosmosAccount, sut);
    }

    [Theory]
    [InlineData("not-a-drill")]
    [InlineData("20261128T090000Z-drill-nativebackup-ab_cd")]
    public void For_NotADrillId_IsRefused(string drillId)
    {
        Assert.Throws<ArgumentException>(() => NativeBackupAccountName.For(drillId));
    }
}
