using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AstroBot.Continuity.Tests.Identity.IdentityHarness;

namespace AstroBot.Continuity.Tests.Identity;

public sealed class IdentityResolverTests(IdentityHarness harness) : IClassFixture<IdentityHarness>
{
    // Each test takes identifiers of its own from these counters: the directory is shared by the class.
    private static int next = 1000;

    [Fact]
    public async Task ResolveAsync_PhoneNeverSeen_KeyIsThePhoneNumber()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());

        var sut = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);

        Assert.Equal(phone, sut.UserKey);
        Assert.Equal(new UserIdentifiers(phone, bsuid), sut.Current);
    }

    [Fact]
    public async Task ResolveAsync_BsuidOnlyNewcomer_GetsAMintedKey()
    {
        var sut = await harness.Resolver.ResolveAsync(Bsuid(NewBsuid(), "stargazer"), Start, CancellationToken.None);

        Assert.True(UserKey.IsMinted(sut.UserKey), sut.UserKey);
        Assert.Equal("stargazer", sut.Current.Username);
    }

    [Fact]
    public async Task ResolveAsync_SameBsuidAgain_SamePerson()
    {
        var bsuid = NewBsuid();
        var first = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        var again = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start.AddHours(1), CancellationToken.None);

        Assert.Equal(first.UserKey, again.UserKey);
    }

    [Fact]
    public async Task ResolveAsync_BsuidOnlyThenWithAPhone_LinksThePhoneNeverASecondPerson()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        var newcomer = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        var later = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start.AddDays(2), CancellationToken.None);

        Assert.Equal(newcomer.UserKey, later.UserKey);
        Assert.Equal(newcomer.UserKey, (await harness.Lookup.FindAsync(phone, CancellationToken.None))?.UserKey);
        Assert.Equal(MessageRecipient.ToPhone(phone), later.ReplyAddress);
    }

    [Fact]
    public async Task ResolveAsync_KnownByPhoneThenBsuidOnly_SamePersonAndRepliesStillGoToThePhone()
    {
        // A user the bot knew by number adopts a username: Meta stops sending the number.
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);

        var sut = await harness.Resolver.ResolveAsync(Bsuid(bsuid, "moonchild"), Start.AddDays(40), CancellationToken.None);

        Assert.Equal(phone, sut.UserKey);
        Assert.Equal(MessageRecipient.ToPhone(phone), sut.ReplyAddress);
    }

    [Fact]
    public async Task ResolveAsync_ManyDeliveriesOfAFirstContactAtOnce_MakeOnePerson()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());

        var people = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None)));

        Assert.Single(people.Select(person => person.UserKey).Distinct());
        Assert.Equal(phone, people[0].UserKey);
    }

    [Fact]
    public async Task ResolveAsync_ManyDeliveriesOfABsuidOnlyFirstContactAtOnce_MakeOnePerson()
    {
        var bsuid = NewBsuid();

        var people = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None)));

        var key = Assert.Single(people.Select(person => person.UserKey).Distinct());
        Assert.Equal(key, (await harness.Lookup.FindAsync(bsuid, CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task ResolveAsync_IdentifiersOfTwoPeople_RecordsAConflictChoosesTheBsuidsPersonAndMovesNothing()
    {
        var (phoneA, bsuidB) = (NewPhone(), NewBsuid());
        var personA = await harness.Resolver.ResolveAsync(Phone(phoneA), Start, CancellationToken.None);
        var personB = await harness.Resolver.ResolveAsync(Bsuid(bsuidB), Start, CancellationToken.None);

        var sut = await harness.Resolver.ResolveAsync(Both(phoneA, bsuidB), Start.AddHours(1), CancellationToken.None);

        Assert.Equal(personB.UserKey, sut.UserKey);
        Assert.Equal(personA.UserKey, (await harness.Lookup.FindAsync(phoneA, CancellationToken.None))?.UserKey);
        var conflict = Assert.Single(await ConflictsOverAsync(phoneA));
        Assert.Equal((personA.UserKey, personB.UserKey), (conflict.HeldBy, conflict.ClaimedBy));
    }

    [Fact]
    public async Task ResolveAsync_NumberWithAHistoryFromBeforeTheDirectoryAndAKnownBsuid_IsNotLinkedButRecordedAsAConflict()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        await harness.WriteAccountAsync(phone); // the bot knew this number before the directory
        var newcomer = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        var sut = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start.AddDays(1), CancellationToken.None);

        Assert.Equal(newcomer.UserKey, sut.UserKey);
        Assert.Null(sut.Current.Phone);
        Assert.Equal(phone, (await harness.Lookup.FindAsync(phone, CancellationToken.None))?.UserKey);
        Assert.Equal(phone, Assert.Single(await ConflictsOverAsync(phone)).HeldBy);
    }

    [Fact]
    public async Task ResolveAsync_RecycledNumberWithABsuidNobodyKnows_IsANewPersonWhoGetsTheNumber()
    {
        var (oldPhone, newPhone, oldBsuid, newBsuid, strangersBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid(), NewBsuid());
        var owner = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);
        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start.AddDays(1)), CancellationToken.None);

        var stranger = await harness.Resolver.ResolveAsync(Both(oldPhone, strangersBsuid), Start.AddDays(200), CancellationToken.None);

        Assert.NotEqual(owner.UserKey, stranger.UserKey);
        Assert.Equal(stranger.UserKey, (await harness.Lookup.FindAsync(oldPhone, CancellationToken.None))?.UserKey);
        Assert.Equal(owner.UserKey, (await harness.Lookup.FindAsync(newPhone, CancellationToken.None))?.UserKey);
        Assert.Equal(owner.UserKey, (await harness.Resolver.ResolveAsync(Bsuid(oldBsuid), Start.AddDays(200), CancellationToken.None)).UserKey);
    }

    [Fact]
    public async Task ResolveAsync_TheNumberWithABsuidNobodyKnowsWhileItsPersonHasAnother_IsANewPersonAndTheOldOwnerStopsGettingReplies()
    {
        // The old owner left the number without the directory hearing of it; WhatsApp gave the newcomer a new BSUID.
        var (phone, ownersBsuid, newcomersBsuid) = (NewPhone(), NewBsuid(), NewBsuid());
        var owner = await harness.Resolver.ResolveAsync(Both(phone, ownersBsuid), Start, CancellationToken.None);

        var newcomer = await harness.Resolver.ResolveAsync(Both(phone, newcomersBsuid), Start.AddDays(300), CancellationToken.None);

        Assert.NotEqual(owner.UserKey, newcomer.UserKey);
        Assert.Equal(newcomer.UserKey, (await harness.Lookup.FindAsync(phone, CancellationToken.None))?.UserKey);
        Assert.Equal(MessageRecipient.ToBsuid(ownersBsuid), await harness.Lookup.ReplyAddressAsync(owner.UserKey, CancellationToken.None));
        var conflict = Assert.Single(await ConflictsOverAsync(phone));
        Assert.Equal((owner.UserKey, newcomer.UserKey), (conflict.HeldBy, conflict.ClaimedBy));
        Assert.Equal(owner.UserKey, (await harness.Lookup.FindAsync(IdentityLookup.KeyPrefix + owner.UserKey, CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task ResolveAsync_KnownNumberGettingItsFirstBsuid_IsLinkedToItsPerson()
    {
        // People the bot knew before 2026 had no BSUID on record: their first one is theirs.
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        var before = await harness.Resolver.ResolveAsync(Phone(phone), Start, CancellationToken.None);

        var sut = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start.AddDays(1), CancellationToken.None);

        Assert.Equal(before.UserKey, sut.UserKey);
        Assert.Equal(bsuid, sut.Current.Bsuid);
    }

    [Theory]
    [InlineData("13491208655302741918")] // no country prefix
    [InlineData("us.13491208655302741918")] // lower case
    [InlineData(null)] // 600 characters, well past Meta's 128
    public async Task ResolveAsync_BsuidOutsideMetasShape_IsTakenAsSent(string? bsuid)
    {
        bsuid ??= "US." + new string('7', 597) + Interlocked.Increment(ref next);
        bsuid += Interlocked.Increment(ref next);

        var first = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);
        var again = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        Assert.Equal(first.UserKey, again.UserKey);
        Assert.Equal(bsuid, again.Current.Bsuid);
    }

    [Fact]
    public async Task ResolveAsync_NeitherPhoneNorBsuid_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Resolver.ResolveAsync(new UserIdentifiers(null, null, null, "only-a-name"), Start, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_DirectoryUnreachable_ThrowsAStorageFailure()
    {
        await using var broken = harness.WithUnreachableStorage();

        var failure = await Record.ExceptionAsync(() =>
            broken.GetRequiredService<IdentityResolver>().ResolveAsync(Phone(NewPhone()), Start, CancellationToken.None));

        Assert.True(failure is not null && StorageFailure.Is(failure), failure?.ToString());
    }

    [Fact]
    public async Task ResolveAsync_UsernameAlone_NeverTellsWhoWrote()
    {
        var (bsuidA, bsuidB) = (NewBsuid(), NewBsuid());
        var a = await harness.Resolver.ResolveAsync(Bsuid(bsuidA, "sunsign"), Start, CancellationToken.None);

        // Usernames are released and taken up by others: the same one with another BSUID is another person.
        var b = await harness.Resolver.ResolveAsync(Bsuid(bsuidB, "sunsign"), Start.AddDays(90), CancellationToken.None);

        Assert.NotEqual(a.UserKey, b.UserKey);
        Assert.Equal(b.UserKey, (await harness.Lookup.FindAsync("@sunsign", CancellationToken.None))?.UserKey);
    }

    internal static string NewPhone() => "1555" + Interlocked.Increment(ref next).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    internal static string NewBsuid() => "US." + Interlocked.Increment(ref next).ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<IdentityConflict>> ConflictsOverAsync(string value) =>
        [.. (await harness.Directory.ListConflictsAsync(CancellationToken.None)).Where(conflict => conflict.Identifier.Value == value)];
}
