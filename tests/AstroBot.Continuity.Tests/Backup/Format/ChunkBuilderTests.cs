using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Backup.Format;

public sealed class ChunkBuilderTests
{
    private static readonly ChunkAddress Address = new("20261127T020000Z-full-1a2b3c4d", "chunks/messages/000003.chunk");

    private readonly byte[] dataKey = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryUserKeys userKeys = new();

    [Fact]
    public void Add_Items_CountsThemAndTheirBytes()
    {
        var sut = new ChunkBuilder();

        sut.Add(Item("""{"id":"1","wa_id":"4915100000001"}"""));
        sut.Add(Item("""{"id":"2"}"""));

        Assert.Equal(2, sut.ItemCount);
        Assert.Equal(Item("""{"id":"1","wa_id":"4915100000001"}""").Json.Length + 1 + Item("""{"id":"2"}""").Json.Length + 1, sut.RawBytes);
    }

    [Fact]
    public async Task Add_SameItemAgainForTheSameUser_KeepsOnlyTheLaterVersion()
    {
        var sut = new ChunkBuilder();
        var first = Item("""{"id":"p1","wa_id":"4915100000001","language":"en"}""");
        var later = Item("""{"id":"p1","wa_id":"4915100000001","language":"fr-CA"}""");
        var other = Item("""{"id":"p2","wa_id":"4915100000001"}""");

        sut.Add(first);
        sut.Add(other);
        sut.Add(later);

        Assert.Equal(2, sut.ItemCount);
        Assert.Equal(later.Json.Length + 1 + other.Json.Length + 1, sut.RawBytes);
        Assert.Equal([later.Json, other.Json], sut.Items);
        var block = Assert.Single(ChunkReader.OpenChunk(await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None), dataKey, Address));
        Assert.Equal([later.Json, other.Json], ChunkReader.OpenItems(block, userKeys.For("4915100000001").Material, Address));
    }

    [Fact]
    public void Add_SameIdForAnotherUserOrWithoutAnId_KeepsBoth()
    {
        // Ids are unique per partition (wa_id) only, and an item without an id cannot be matched.
        var sut = new ChunkBuilder();

        sut.Add(Item("""{"id":"settings","wa_id":"4915100000001"}"""));
        sut.Add(Item("""{"id":"settings","wa_id":"4915100000002"}"""));
        sut.Add(Item("""{"wa_id":"4915100000001","n":1}"""));
        sut.Add(Item("""{"wa_id":"4915100000001","n":2}"""));

        Assert.Equal(4, sut.ItemCount);
        Assert.Equal(4, sut.Items.Count());
    }

    [Fact]
    public async Task SealAsync_ItemsOfSeveralUsersAndOneWithout_RoundTripsEachUsersItemsUnderTheirKey()
    {
        var sut = new ChunkBuilder();
        var alice = new[] { Item("""{"id":"a1","wa_id":"4915100000001","text":"first"}"""), Item("""{"id":"a2","wa_id":"4915100000001","text":"second"}""") };
        var bob = Item("""{"id":"b1","wa_id":"4915100000002"}""");
        var system = Item("""{"id":"settings","type":"system"}""");
        sut.Add(alice[0]);
        sut.Add(bob);
        sut.Add(system);
        sut.Add(alice[1]);

        var sealedChunk = await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None);
        var blocks = ChunkReader.OpenChunk(sealedChunk, dataKey, Address);

        Assert.Equal(0, sut.ItemCount);
        Assert.Equal(0, sut.RawBytes);
        Assert.Equal(3, blocks.Count);
        var noUser = blocks.Single(block => block.IsSealedWithDataKey);
        Assert.Equal(string.Empty, noUser.UserReference);
        Assert.Equal([system.Json], ChunkReader.OpenItems(noUser, dataKey, Address));
        var aliceBlock = blocks.Single(block => block.UserReference == UserReferences.For("4915100000001"));
        Assert.Equal(userKeys.For("4915100000001").KeyId, aliceBlock.KeyId);
        Assert.Equal(2, aliceBlock.ItemCount);
        Assert.Equal(alice.Select(item => item.Json), ChunkReader.OpenItems(aliceBlock, userKeys.For("4915100000001").Material, Address));
        var bobBlock = blocks.Single(block => block.UserReference == UserReferences.For("4915100000002"));
        Assert.Equal([bob.Json], ChunkReader.OpenItems(bobBlock, userKeys.For("4915100000002").Material, Address));
    }

    [Fact]
    public async Task SealAsync_Chunk_HoldsNeitherPhoneNumbersNorPlaintext()
    {
        var sut = new ChunkBuilder();
        sut.Add(Item("""{"id":"a1","wa_id":"4915100000001","text":"a very recognisable message body"}"""));

        var sealedChunk = await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None);

        var asText = Encoding.Latin1.GetString(sealedChunk);
        Assert.DoesNotContain("4915100000001", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("recognisable", asText, StringComparison.Ordinal);
        Assert.DoesNotContain(UserReferences.For("4915100000001"), asText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealAsync_RepetitiveJson_IsStoredMuchSmallerThanItsRawBytes()
    {
        var sut = new ChunkBuilder();
        for (var i = 0; i < 500; i++)
        {
            sut.Add(Item($$"""{"id":"m{{i}}","wa_id":"4915100000001","type":"message","direction":"inbound","text":"What does my horoscope say about today?","schema_version":1}"""));
        }

        var raw = sut.RawBytes;

        var sealedChunk = await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None);

        Assert.True(raw > 50_000, $"raw {raw}");
        Assert.True(sealedChunk.Length * 10 < raw, $"sealed {sealedChunk.Length} bytes of {raw} raw");
    }

    [Fact]
    public async Task SealAsync_NothingAdded_SealsAnEmptyChunk()
    {
        var sut = new ChunkBuilder();

        var sealedChunk = await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None);

        Assert.Empty(ChunkReader.OpenChunk(sealedChunk, dataKey, Address));
    }

    [Fact]
    public async Task Add_ItemWithAnEmptyWaId_IsKeptUnderTheDataKeyRatherThanFailingTheBackup()
    {
        // One malformed live document must not stop every backup: it has no user, so it goes with the data key.
        var sut = new ChunkBuilder();
        var odd = Item("""{"id":"odd","wa_id":""}""");

        sut.Add(odd);
        var sealedChunk = await sut.SealAsync(Address, dataKey, userKeys, CancellationToken.None);

        var block = Assert.Single(ChunkReader.OpenChunk(sealedChunk, dataKey, Address));
        Assert.Equal([odd.Json], ChunkReader.OpenItems(block, dataKey, Address));
    }

    private static CanonicalItem Item(string json) => CanonicalItem.Parse(Encoding.UTF8.GetBytes(json));
}
