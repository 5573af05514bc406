using System.Text;
using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Tests.Backup.Format;

public sealed class ContentChecksumTests
{
    private static readonly string[] Items = ["""{"id":"1"}""", """{"id":"2"}""", """{"id":"3"}""", """{"id":"4","text":"x"}"""];

    [Fact]
    public void ToString_SameItemsInAnyOrder_IsTheSame()
    {
        var forward = Of(Items);

        Assert.Equal(forward, Of(Enumerable.Reverse(Items)));
        Assert.Equal(forward, Of([Items[2], Items[0], Items[3], Items[1]]));
    }

    [Fact]
    public void ToString_ADuplicatedItem_ChangesIt()
    {
        Assert.NotEqual(Of(Items), Of([.. Items, Items[1]]));
    }

    [Fact]
    public void ToString_AnItemAddedTwice_DoesNotCancelOut()
    {
        // XOR would cancel a pair of duplicates; lane sums do not.
        Assert.NotEqual(Of(Items), Of([.. Items, Items[1], Items[1]]));
    }

    [Fact]
    public void ToString_AMissingItem_ChangesIt()
    {
        Assert.NotEqual(Of(Items), Of(Items[..^1]));
    }

    [Fact]
    public void ToString_AChangedItem_ChangesIt()
    {
        Assert.NotEqual(Of(Items), Of([.. Items[..^1], """{"id":"4","text":"y"}"""]));
    }

    [Fact]
    public void ToString_NoItems_IsStableZeroHex()
    {
        var sut = new ContentChecksum();

        Assert.Equal(new string('0', 64), sut.ToString());
        Assert.Equal(sut.ToString(), new ContentChecksum().ToString());
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public void Add_Items_CountsThemAndGivesLowercaseHex()
    {
        var sut = new ContentChecksum();
        foreach (var item in Items)
        {
            sut.Add(Encoding.UTF8.GetBytes(item));
        }

        Assert.Equal(Items.Length, sut.Count);
        Assert.Matches("^[0-9a-f]{64}$", sut.ToString());
    }

    private static string Of(IEnumerable<string> items)
    {
        var checksum = new ContentChecksum();
        foreach (var item in items)
        {
            checksum.Add(Encoding.UTF8.GetBytes(item));
        }

        return checksum.ToString();
    }
}
