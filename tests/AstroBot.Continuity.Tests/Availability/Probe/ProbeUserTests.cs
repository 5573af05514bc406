using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Probe;

public sealed class ProbeUserTests
{
    private static readonly ProbeUser Sut = ProbeUser.From(new ProbeOptions());

    [Theory]
    [InlineData(ProbeOptions.DefaultProbeWaId, ProbeOptions.DefaultProbeBsuid, null)]
    [InlineData(ProbeOptions.DefaultProbeWaId, null, null)]
    [InlineData(null, ProbeOptions.DefaultProbeBsuid, null)]
    [InlineData(ProbeOptions.DefaultProbeWaId, "US.1234", null)] // forged: another BSUID with the probe's number
    [InlineData("15550001111", ProbeOptions.DefaultProbeBsuid, null)] // forged: a real-looking number with the probe's BSUID
    [InlineData(null, "US.1234", ProbeOptions.DefaultProbeBsuid)]
    public void Matches_EitherIdentifier_IsTheProbe(string? phone, string? bsuid, string? parentBsuid)
    {
        Assert.True(Sut.Matches(new UserIdentifiers(phone, bsuid, parentBsuid)));
    }

    [Theory]
    [InlineData("15550001111", "US.1234")]
    [InlineData("0000000000000001", null)]
    [InlineData(null, "ZZ.AstroBotAvailabilityProbe2")]
    public void Matches_OtherUsers_AreNotTheProbe(string? phone, string? bsuid)
    {
        Assert.False(Sut.Matches(new UserIdentifiers(phone, bsuid)));
    }

    [Fact]
    public void Matches_AChangeOfNumberToTheProbesNumber_NamesTheProbe()
    {
        var change = new IdentityChange(
            "wamid.change", IdentityChangeKind.NumberChanged, new UserIdentifiers("15550001111", "US.1"),
            new UserIdentifiers(ProbeOptions.DefaultProbeWaId, "US.2"), DateTimeOffset.UnixEpoch);

        Assert.True(Sut.Matches(change));
    }
}
