using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.Identity;

public class PersonRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Identifier PhoneA = new(IdentifierKind.Phone, "15550000001");
    private static readonly Identifier PhoneB = new(IdentifierKind.Phone, "15550000002");
    private static readonly Identifier BsuidA = new(IdentifierKind.Bsuid, "US.1");
    private static readonly Identifier BsuidB = new(IdentifierKind.Bsuid, "US.2");

    [Fact]
    public void WithSeen_ANewerIdentifierOfAKind_RetiresTheOlderOne()
    {
        var sut = PersonRecord.Create("15550000001", [PhoneA, BsuidA], T0, T0);

        var seen = sut.WithSeen([BsuidB], T0.AddDays(1));

        Assert.Equal(new UserIdentifiers(PhoneA.Value, BsuidB.Value), seen.Current);
        Assert.Equal(T0.AddDays(1), seen.Find(BsuidA)!.RetiredAt);
    }

    [Fact]
    public void WithSeen_AnOlderIdentifierArrivingLate_IsAddedAlreadyRetired()
    {
        var sut = PersonRecord.Create("15550000001", [PhoneB], T0.AddDays(5), T0);

        var seen = sut.WithSeen([PhoneA], T0);

        Assert.Equal(PhoneB.Value, seen.Current.Phone);
        Assert.Equal(T0.AddDays(5), seen.Find(PhoneA)!.RetiredAt);
    }

    [Fact]
    public void WithSeen_ARetiredIdentifierSeenAgain_StaysRetired()
    {
        var sut = PersonRecord.Create("15550000001", [PhoneA], T0, T0).WithCurrent([PhoneB], T0.AddDays(1));

        var seen = sut.WithSeen([PhoneA], T0.AddDays(2));

        Assert.Equal(PhoneB.Value, seen.Current.Phone);
    }

    [Fact]
    public void WithCurrent_ANumberThatComesBack_IsCurrentAgain()
    {
        var sut = PersonRecord.Create("15550000001", [PhoneA], T0, T0).WithCurrent([PhoneB], T0.AddDays(1));

        var back = sut.WithCurrent([PhoneA], T0.AddDays(2));

        Assert.Equal(PhoneA.Value, back.Current.Phone);
        Assert.False(back.Find(PhoneB)!.IsCurrent);
    }

    [Fact]
    public void WithCurrent_Again_ChangesNothing()
    {
        var sut = PersonRecord.Create("15550000001", [PhoneA], T0, T0).WithCurrent([PhoneB], T0.AddDays(1));

        Assert.Equal(sut.Identifiers, sut.WithCurrent([PhoneB], T0.AddDays(1)).Identifiers);
    }

    [Fact]
    public void ReplyAddress_PhoneKnown_IsThePhoneElseTheBsuid()
    {
        Assert.Equal(MessageRecipient.ToPhone(PhoneA.Value), PersonRecord.Create("k", [PhoneA, BsuidA], T0, T0).ReplyAddress);
        Assert.Equal(MessageRecipient.ToBsuid(BsuidA.Value), PersonRecord.Create("k", [BsuidA], T0, T0).ReplyAddress);
    }

    [Fact]
    public void Without_DropsOnlyTheGivenIdentifiers()
    {
        var sut = PersonRecord.Create("k", [PhoneA, BsuidA], T0, T0);

        Assert.Equal([BsuidA], sut.Without([PhoneA]).Identifiers.Select(entry => entry.Identifier));
    }
}
