using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using static AstroBot.Continuity.Tests.Identity.IdentityHarness;
using static AstroBot.Continuity.Tests.Identity.IdentityResolverTests;

namespace AstroBot.Continuity.Tests.Identity;

public sealed class IdentityLinkerTests(IdentityHarness harness) : IClassFixture<IdentityHarness>
{
    [Fact]
    public async Task LinkAsync_FreeNumber_BelongsToThePersonFromNowOn()
    {
        var (bsuid, phone) = (NewBsuid(), NewPhone());
        var person = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Phone, phone), person.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.Linked, sut.Outcome);
        Assert.Equal(person.UserKey, (await harness.Resolver.ResolveAsync(Phone(phone), Start, CancellationToken.None)).UserKey);
    }

    [Fact]
    public async Task LinkAsync_Again_IsAlreadyLinked()
    {
        var (bsuid, phone) = (NewBsuid(), NewPhone());
        var person = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);

        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Phone, phone), person.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.AlreadyLinked, sut.Outcome);
    }

    [Fact]
    public async Task LinkAsync_HeldBySomeoneElse_IsRefusedUnlessMovedAndThenConflictsClose()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        var holder = await harness.Resolver.ResolveAsync(Phone(phone), Start, CancellationToken.None);
        var person = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);
        await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None); // records the conflict
        var identifier = new Identifier(IdentifierKind.Phone, phone);

        var refused = await harness.Linker.LinkAsync(identifier, person.UserKey, move: false, makeCurrent: false, CancellationToken.None);
        var moved = await harness.Linker.LinkAsync(identifier, person.UserKey, move: true, makeCurrent: false, CancellationToken.None);

        Assert.Equal(new ManualLinkResult(ManualLinkOutcome.HeldByAnother, holder.UserKey), refused);
        Assert.Equal(new ManualLinkResult(ManualLinkOutcome.Moved, holder.UserKey), moved);
        Assert.Equal(person.UserKey, (await harness.Lookup.FindAsync(phone, CancellationToken.None))?.UserKey);
        Assert.DoesNotContain(await harness.Directory.ListConflictsAsync(CancellationToken.None), conflict => conflict.Identifier == identifier);
    }

    [Fact]
    public async Task LinkAsync_NumberWithAHistoryOfItsOwn_IsRefusedWithoutMove()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        await harness.WriteAccountAsync(phone);
        var person = await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);

        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Phone, phone), person.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(new ManualLinkResult(ManualLinkOutcome.HeldByAnother, phone), sut);
    }

    [Fact]
    public async Task LinkAsync_AnOldNumber_KeepsWhereRepliesGo()
    {
        var (phone, oldPhone, bsuid) = (NewPhone(), NewPhone(), NewBsuid());
        var person = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);

        await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Phone, oldPhone), person.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(MessageRecipient.ToPhone(phone), await harness.Lookup.ReplyAddressAsync(person.UserKey, CancellationToken.None));
        Assert.Equal(person.UserKey, (await harness.Lookup.FindAsync(oldPhone, CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task LinkAsync_MadeCurrent_IsWhereRepliesGoFromNowOn()
    {
        // The fix for a change of number whose system message never arrived.
        var (phone, newPhone, bsuid) = (NewPhone(), NewPhone(), NewBsuid());
        var person = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);
        var identifier = new Identifier(IdentifierKind.Phone, newPhone);
        await harness.Linker.LinkAsync(identifier, person.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        var sut = await harness.Linker.LinkAsync(identifier, person.UserKey, move: false, makeCurrent: true, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.Linked, sut.Outcome);
        Assert.Equal(MessageRecipient.ToPhone(newPhone), await harness.Lookup.ReplyAddressAsync(person.UserKey, CancellationToken.None));
    }

    [Fact]
    public async Task LinkAsync_AlreadyLinked_ClosesTheConflictOverIt()
    {
        var (phone, bsuid) = (NewPhone(), NewBsuid());
        var holder = await harness.Resolver.ResolveAsync(Phone(phone), Start, CancellationToken.None);
        await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None);
        await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None); // records the conflict

        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Phone, phone), holder.UserKey, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.AlreadyLinked, sut.Outcome);
        Assert.DoesNotContain(await harness.Directory.ListConflictsAsync(CancellationToken.None), conflict => conflict.Identifier.Value == phone);
    }

    [Fact]
    public async Task LinkAsync_ToAMintedKeyTheDirectoryLostButTheBotHasDataFor_ReconnectsThem()
    {
        var key = UserKey.Mint();
        var bsuid = NewBsuid();
        await harness.WriteAccountAsync(key);

        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Bsuid, bsuid), key, move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.Linked, sut.Outcome);
        Assert.Equal(key, (await harness.Resolver.ResolveAsync(Bsuid(bsuid), Start, CancellationToken.None)).UserKey);
    }

    [Fact]
    public async Task LinkAsync_ToNobody_SaysSo()
    {
        var sut = await harness.Linker.LinkAsync(new Identifier(IdentifierKind.Bsuid, NewBsuid()), UserKey.Mint(), move: false, makeCurrent: false, CancellationToken.None);

        Assert.Equal(ManualLinkOutcome.NoSuchPerson, sut.Outcome);
    }
}
