using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using static AstroBot.Continuity.Tests.Identity.IdentityHarness;
using static AstroBot.Continuity.Tests.Identity.IdentityResolverTests;

namespace AstroBot.Continuity.Tests.Identity;

public sealed class IdentityChangeApplierTests(IdentityHarness harness) : IClassFixture<IdentityHarness>
{
    [Fact]
    public async Task ApplyAsync_NumberChanged_TheSamePersonHasTheNewIdentifiersAndRepliesGoToTheNewNumber()
    {
        var (oldPhone, newPhone, oldBsuid, newBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid());
        var before = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);

        var sut = await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start.AddDays(1)), CancellationToken.None);

        Assert.NotNull(sut);
        Assert.True(sut.Changed);
        Assert.Equal(before.UserKey, sut.Person.UserKey);
        Assert.Equal(new UserIdentifiers(newPhone, newBsuid), sut.Person.Current);
        Assert.Equal(MessageRecipient.ToPhone(newPhone), sut.Person.ReplyAddress);
        Assert.False(sut.Person.Find(new Identifier(IdentifierKind.Phone, oldPhone))!.IsCurrent);
        Assert.Equal(before.UserKey, (await harness.Resolver.ResolveAsync(Both(newPhone, newBsuid), Start.AddDays(2), CancellationToken.None)).UserKey);
    }

    [Fact]
    public async Task ApplyAsync_LateWebhookUnderTheOldIdentifiers_StillResolvesToThePersonAndRevivesNothing()
    {
        var (oldPhone, newPhone, oldBsuid, newBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid());
        var before = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);
        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start.AddDays(1)), CancellationToken.None);

        var late = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start.AddHours(20), CancellationToken.None);

        Assert.Equal(before.UserKey, late.UserKey);
        Assert.Equal(new UserIdentifiers(newPhone, newBsuid), late.Current);
    }

    [Fact]
    public async Task ApplyAsync_SameChangeTwice_TheSecondChangesNothing()
    {
        var (oldPhone, newPhone, oldBsuid, newBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid());
        await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);
        var change = IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start.AddDays(1));
        var first = await harness.Changes.ApplyAsync(change, CancellationToken.None);

        var second = await harness.Changes.ApplyAsync(change, CancellationToken.None);

        Assert.False(second!.Changed);
        Assert.Equal(first!.Person.Identifiers, second.Person.Identifiers);
    }

    [Fact]
    public async Task ApplyAsync_PreviousIdentifiersNeverSeen_ThePersonIsKeyedByTheOldNumberAndHoldsBoth()
    {
        // A user the bot knew by number before the directory changes number: their history stays under the old number.
        var (oldPhone, newPhone, oldBsuid, newBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid());

        var sut = await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start), CancellationToken.None);

        Assert.Equal(oldPhone, sut!.Person.UserKey);
        Assert.Equal(oldPhone, (await harness.Lookup.FindAsync(newPhone, CancellationToken.None))?.UserKey);
        Assert.Equal(oldPhone, (await harness.Lookup.FindAsync(oldBsuid, CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task ApplyAsync_AChainOfChanges_ResolvesEveryIdentifierToThePersonAndRepliesToTheNewest()
    {
        var phones = new[] { NewPhone(), NewPhone(), NewPhone() };
        var bsuids = new[] { NewBsuid(), NewBsuid(), NewBsuid() };
        var person = await harness.Resolver.ResolveAsync(Both(phones[0], bsuids[0]), Start, CancellationToken.None);

        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(phones[0], bsuids[0], phones[1], bsuids[1], Start.AddDays(1)), CancellationToken.None);
        var sut = await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(phones[1], bsuids[1], phones[2], bsuids[2], Start.AddDays(2)), CancellationToken.None);

        Assert.Equal(MessageRecipient.ToPhone(phones[2]), sut!.Person.ReplyAddress);
        foreach (var identifier in phones.Concat(bsuids))
        {
            Assert.Equal(person.UserKey, (await harness.Lookup.FindAsync(identifier, CancellationToken.None))?.UserKey);
        }
    }

    [Fact]
    public async Task ApplyAsync_ChangesArrivingOutOfOrder_TheNewestStaysCurrent()
    {
        var phones = new[] { NewPhone(), NewPhone(), NewPhone() };
        var bsuids = new[] { NewBsuid(), NewBsuid(), NewBsuid() };
        var person = await harness.Resolver.ResolveAsync(Both(phones[0], bsuids[0]), Start, CancellationToken.None);
        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(phones[0], bsuids[0], phones[1], bsuids[1], Start.AddDays(1)), CancellationToken.None);
        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(phones[1], bsuids[1], phones[2], bsuids[2], Start.AddDays(2)), CancellationToken.None);

        // Meta redelivers the first change after the second.
        var sut = await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(phones[0], bsuids[0], phones[1], bsuids[1], Start.AddDays(1)), CancellationToken.None);

        Assert.Equal(person.UserKey, sut!.Person.UserKey);
        Assert.Equal(new UserIdentifiers(phones[2], bsuids[2]), sut.Person.Current);
    }

    [Fact]
    public async Task ApplyAsync_BsuidChangedWithoutANumber_KeepsThePhoneAndSwapsTheBsuid()
    {
        var (phone, oldBsuid, newBsuid) = (NewPhone(), NewBsuid(), NewBsuid());
        var person = await harness.Resolver.ResolveAsync(Both(phone, oldBsuid), Start, CancellationToken.None);

        var sut = await harness.Changes.ApplyAsync(IdentityChanges.BsuidChanged(null, oldBsuid, newBsuid, Start.AddDays(1)), CancellationToken.None);

        Assert.Equal(person.UserKey, sut!.Person.UserKey);
        Assert.Equal(new UserIdentifiers(phone, newBsuid), sut.Person.Current);
    }

    [Fact]
    public async Task ApplyAsync_NewNumberHeldBySomeoneElse_RecordsAConflictAndLeavesItWithThem()
    {
        var (oldPhone, takenPhone, oldBsuid, newBsuid) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid());
        var someoneElse = await harness.Resolver.ResolveAsync(Phone(takenPhone), Start, CancellationToken.None);
        var person = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);

        var sut = await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, takenPhone, newBsuid, Start.AddDays(1)), CancellationToken.None);

        Assert.Equal(person.UserKey, sut!.Person.UserKey);
        Assert.Equal(newBsuid, sut.Person.Current.Bsuid);
        Assert.Equal(someoneElse.UserKey, (await harness.Lookup.FindAsync(takenPhone, CancellationToken.None))?.UserKey);
        var conflict = Assert.Single(await harness.Directory.ListConflictsAsync(CancellationToken.None), c => c.Identifier.Value == takenPhone);
        Assert.Equal((someoneElse.UserKey, person.UserKey), (conflict.HeldBy, conflict.ClaimedBy));
    }

    [Fact]
    public async Task ApplyAsync_NoNewIdentifier_AppliesNothing()
    {
        var change = IdentityChanges.NumberChanged(NewPhone(), NewBsuid(), "", "", Start) with { Current = new UserIdentifiers(null, null) };

        Assert.Null(await harness.Changes.ApplyAsync(change, CancellationToken.None));
    }
}
