using AstroBot.Continuity.Identity;
using static AstroBot.Continuity.Tests.Identity.IdentityHarness;
using static AstroBot.Continuity.Tests.Identity.IdentityResolverTests;

namespace AstroBot.Continuity.Tests.Identity;

public sealed class IdentityEraserTests(IdentityHarness harness) : IClassFixture<IdentityHarness>
{
    [Fact]
    public async Task EraseAsync_PersonWithAChangedNumber_LeavesNoLinkNoRecordAndNoConflict()
    {
        var (oldPhone, newPhone, oldBsuid, newBsuid, othersPhone) = (NewPhone(), NewPhone(), NewBsuid(), NewBsuid(), NewPhone());
        var person = await harness.Resolver.ResolveAsync(Both(oldPhone, oldBsuid), Start, CancellationToken.None);
        await harness.Changes.ApplyAsync(IdentityChanges.NumberChanged(oldPhone, oldBsuid, newPhone, newBsuid, Start.AddDays(1)), CancellationToken.None);
        await harness.Resolver.ResolveAsync(Phone(othersPhone), Start, CancellationToken.None);
        await harness.Resolver.ResolveAsync(Both(othersPhone, newBsuid), Start.AddDays(2), CancellationToken.None); // a conflict naming them

        var forgotten = await harness.Eraser.EraseAsync(person.UserKey, CancellationToken.None);

        Assert.Equal(4, forgotten);
        Assert.Null(await harness.Directory.GetPersonAsync(person.UserKey, CancellationToken.None));
        foreach (var identifier in new[] { oldBsuid, newBsuid })
        {
            Assert.Null(await harness.Lookup.FindAsync(identifier, CancellationToken.None));
        }

        // A number nobody holds is only ever its own key: nothing is stored for it.
        Assert.Equal(new PersonMatch(newPhone, null), await harness.Lookup.FindAsync(newPhone, CancellationToken.None));

        Assert.DoesNotContain(await harness.Directory.ListConflictsAsync(CancellationToken.None), c => c.HeldBy == person.UserKey || c.ClaimedBy == person.UserKey);
    }

    [Fact]
    public async Task EraseAsync_ThenTheSameIdentifiersWriteAgain_TheyStartAfresh()
    {
        var (phone, bsuid, onlyBsuid) = (NewPhone(), NewBsuid(), NewBsuid());
        var byPhone = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start, CancellationToken.None);
        var byBsuid = await harness.Resolver.ResolveAsync(Bsuid(onlyBsuid), Start, CancellationToken.None);
        await harness.Eraser.EraseAsync(byPhone.UserKey, CancellationToken.None);
        await harness.Eraser.EraseAsync(byBsuid.UserKey, CancellationToken.None);

        var returningByPhone = await harness.Resolver.ResolveAsync(Both(phone, bsuid), Start.AddDays(3), CancellationToken.None);
        var returningByBsuid = await harness.Resolver.ResolveAsync(Bsuid(onlyBsuid), Start.AddDays(3), CancellationToken.None);

        // A number is its own key again (the erasure journal keeps what came before out of restores); a minted key is never reused.
        Assert.Equal(phone, returningByPhone.UserKey);
        Assert.NotEqual(byBsuid.UserKey, returningByBsuid.UserKey);
    }

    [Fact]
    public async Task EraseAsync_UnknownKey_ForgetsNothingAndSucceeds()
    {
        Assert.Equal(0, await harness.Eraser.EraseAsync(UserKey.Mint(), CancellationToken.None));
    }

    [Fact]
    public async Task EraseAsync_WhileAChangeOfNumberIsBeingLinked_NothingStaysLinkedToTheErasedPerson()
    {
        // A username user (a minted key, which nothing can bring back) changes BSUID while asking to be erased.
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (oldBsuid, newBsuid) = (NewBsuid(), NewBsuid());
            var person = await harness.Resolver.ResolveAsync(Bsuid(oldBsuid, "eclipse"), Start, CancellationToken.None);

            var change = harness.Changes.ApplyAsync(IdentityChanges.BsuidChanged(null, oldBsuid, newBsuid, Start.AddDays(1)), CancellationToken.None);
            var erase = harness.Eraser.EraseAsync(person.UserKey, CancellationToken.None);
            await Task.WhenAll(change, erase);

            // Either the change landed first and was erased with the rest, or it came after and started a new person.
            Assert.Null(await harness.Directory.GetPersonAsync(person.UserKey, CancellationToken.None));
            foreach (var identifier in new[] { oldBsuid, newBsuid, "@eclipse" })
            {
                Assert.NotEqual(person.UserKey, (await harness.Directory.GetLinkAsync(ToIdentifier(identifier), CancellationToken.None))?.UserKey);
            }
        }
    }

    private static Identifier ToIdentifier(string text) =>
        Identifier.TryParse(text, out var identifier) ? identifier : throw new ArgumentException(text);
}
