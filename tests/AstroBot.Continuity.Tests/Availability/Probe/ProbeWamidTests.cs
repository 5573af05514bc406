using AstroBot.Continuity.Availability.Probe;

namespace AstroBot.Continuity.Tests.Availability.Probe;

public sealed class ProbeWamidTests
{
    [Fact]
    public void Create_NamesTheUtcDayOfTheSend()
    {
        var sentAt = new DateTimeOffset(2027, 1, 31, 23, 59, 59, 999, TimeSpan.FromHours(-2)); // 1 February, 01:59 UTC

        var sut = ProbeWamid.Create(sentAt);

        Assert.StartsWith("wamid.probe.20270201T015959999Z.", sut, StringComparison.Ordinal);
        Assert.True(ProbeWamid.TryGetPartition(sut, out var partition));
        Assert.Equal("20270201", partition);
        Assert.Equal(ProbeTable.PartitionOf(sentAt), partition);
    }

    [Fact]
    public void Create_TwiceInOneMillisecond_GivesTwoIds()
    {
        var sentAt = DateTimeOffset.UnixEpoch;

        Assert.NotEqual(ProbeWamid.Create(sentAt), ProbeWamid.Create(sentAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQTdFRkY0QzE2")]
    [InlineData("wamid.probe.20270201T015959999Z.0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("wamid.probe.20270201T015959999Z.0123456789abcdef0123456789abcdef/..")]
    [InlineData("wamid.probe.2027020/T015959999Z.0123456789abcdef0123456789abcdef")]
    public void TryGetPartition_AnythingElse_IsNotAProbe(string? wamid)
    {
        Assert.False(ProbeWamid.TryGetPartition(wamid, out _));
    }

    [Fact]
    public void TryGetSentAt_AProbeWamid_IsItsUtcSendTimeToTheMillisecond()
    {
        var sentAt = new DateTimeOffset(2027, 1, 31, 23, 59, 59, 999, TimeSpan.FromHours(-2));

        Assert.True(ProbeWamid.TryGetSentAt(ProbeWamid.Create(sentAt), out var sut));

        Assert.Equal(sentAt, sut);
        Assert.Equal(TimeSpan.Zero, sut.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQTdFRkY0QzE2")]
    [InlineData("wamid.probe.20271301T015959999Z.0123456789abcdef0123456789abcdef")]
    public void TryGetSentAt_AnythingElse_IsNotAProbe(string? wamid)
    {
        Assert.False(ProbeWamid.TryGetSentAt(wamid, out _));
    }
}
