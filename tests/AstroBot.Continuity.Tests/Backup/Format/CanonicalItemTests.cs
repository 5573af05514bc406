using System.Text;
using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Tests.Backup.Format;

public sealed class CanonicalItemTests
{
    [Fact]
    public void Parse_SameItemWithPropertiesInAnotherOrder_GivesTheSameBytes()
    {
        var one = CanonicalItem.Parse("""{"id":"m1","wa_id":"4915100000001","text":"hi","n":1}"""u8);
        var other = CanonicalItem.Parse("""{ "n": 1, "text": "hi", "id": "m1", "wa_id": "4915100000001" }"""u8);

        Assert.Equal(one.Json, other.Json);
        Assert.Equal("""{"id":"m1","n":1,"text":"hi","wa_id":"4915100000001"}""", Text(one));
    }

    [Fact]
    public void Parse_NestedObjects_AreSortedAtEveryDepthAndArraysKeepTheirOrder()
    {
        var sut = CanonicalItem.Parse("""{"z":{"b":[{"y":2,"x":1},3,"c"],"a":{"d":null,"c":true}},"a":[]}"""u8);

        Assert.Equal("""{"a":[],"z":{"a":{"c":true,"d":null},"b":[{"x":1,"y":2},3,"c"]}}""", Text(sut));
    }

    [Fact]
    public void Parse_SystemProperties_AreLeftOutAtTopLevelOnly()
    {
        var sut = CanonicalItem.Parse("""
            {"id":"m1","_rid":"r","_self":"s","_etag":"\"e\"","_attachments":"a/","_ts":1764201600,"_lsn":42,
             "_custom":"kept","nested":{"_ts":1,"_etag":"kept too"}}
            """u8);

        Assert.Equal("""{"_custom":"kept","id":"m1","nested":{"_etag":"kept too","_ts":1}}""", Text(sut));
    }

    [Fact]
    public void Parse_ItemsDifferingOnlyInSystemProperties_GiveTheSameBytes()
    {
        var original = CanonicalItem.Parse("""{"id":"m1","_rid":"abc","_etag":"1","_ts":100,"_lsn":1}"""u8);
        var restored = CanonicalItem.Parse("""{"_ts":200,"_lsn":7,"_etag":"9","_rid":"xyz","id":"m1"}"""u8);

        Assert.Equal(original.Json, restored.Json);
    }

    [Theory]
    [InlineData("""{"id":"m1","wa_id":"4915100000001"}""", "4915100000001")]
    [InlineData("""{"id":"m1"}""", null)]
    [InlineData("""{"id":"m1","wa_id":4915100000001}""", null)]
    [InlineData("""{"id":"m1","wa_id":null}""", null)]
    [InlineData("""{"id":"m1","nested":{"wa_id":"4915100000001"}}""", null)]
    public void Parse_Item_ExtractsTheTopLevelStringWaId(string json, string? expected)
    {
        var sut = CanonicalItem.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, sut.WaId);
    }

    [Theory]
    [InlineData("""{"id":"m1","wa_id":"4915100000001"}""", "m1")]
    [InlineData("""{"wa_id":"4915100000001"}""", null)]
    [InlineData("""{"id":7}""", null)]
    public void Parse_Item_ExtractsTheTopLevelStringId(string json, string? expected)
    {
        var sut = CanonicalItem.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, sut.Id);
    }

    [Fact]
    public void Parse_StringsAndNumbers_KeepTheirValues()
    {
        var sut = CanonicalItem.Parse("""{"text":"Grüße \"quoted\"\nline","big":12345678901234567890,"f":1.50}"""u8);

        using var document = System.Text.Json.JsonDocument.Parse(sut.Json);
        Assert.Equal("Grüße \"quoted\"\nline", document.RootElement.GetProperty("text").GetString());
        Assert.Equal("12345678901234567890", document.RootElement.GetProperty("big").GetRawText());
        Assert.Equal("1.50", document.RootElement.GetProperty("f").GetRawText());
        Assert.DoesNotContain((byte)'\n', sut.Json);
    }

    private static string Text(CanonicalItem item) => Encoding.UTF8.GetString(item.Json);
}
