using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Tests.Portability.Import;

/// <summary>Archives built in memory: a real <see cref="ExportArchive.Build"/> output, then altered.</summary>
public sealed class ImportArchiveReaderTests
{
    private static readonly byte[] Valid = ExportArchive.Build(
        TestExports.DataOf(TestExports.Users[7], TestExports.Audit(("export_requested", "whatsapp", "2026-11-30T10:00:00.0000000+00:00"))),
        TestExports.GeneratedAt);

    [Fact]
    public void Read_UnalteredExport_ReturnsItsUserAndData()
    {
        var sut = ImportArchiveReader.Read(new MemoryStream(Valid), ArchiveLimits.Default);

        Assert.Equal(TestExports.Users[7].WaId, sut.WaId);
        Assert.True(JsonNode.DeepEquals(TestExports.JsonEntry(Valid, ExportArchive.DataFile), sut.Data));
    }

    [Theory]
    [InlineData("../evil.json")]
    [InlineData("/abs.json")]
    [InlineData("dir/x.json")]
    [InlineData("..\\x")]
    [InlineData("C:x")]
    [InlineData("..")]
    [InlineData("dir/")]
    public void Read_EntryWithAPath_IsRefusedAsZipSlip(string name)
    {
        var archive = TestExports.Replace(Valid, name, "{}"u8.ToArray(), rehash: true);

        var sut = Refusal(archive);

        Assert.Contains("zip slip", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooManyEntries_IsRefusedAsZipBomb()
    {
        var entries = TestExports.Unzip(Valid);
        entries.AddRange(Enumerable.Range(0, 40).Select(index => ($"extra{index}.txt", new byte[] { 1 })));

        var sut = Refusal(TestExports.Zip(entries));

        Assert.Contains("zip bomb", sut.Message, StringComparison.Ordinal);
        Assert.Contains($"{entries.Count} entries", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreEntriesThanASmallLimit_IsRefusedAsZipBomb()
    {
        var sut = Refusal(Valid, new ArchiveLimits(MaxEntries: 9));

        Assert.Contains("zip bomb", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryThatExpandsBeyondTheRatio_IsRefusedAsZipBomb()
    {
        var archive = TestExports.Replace(Valid, "index.html", new byte[10 * 1024 * 1024], rehash: true);

        var sut = Refusal(archive);

        Assert.Contains("zip bomb", sut.Message, StringComparison.Ordinal);
        Assert.Contains("'index.html' expands more than 100:1", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryWhoseHeaderUnderstatesItsSize_IsRefusedWithoutInflatingIt()
    {
        // The headers say index.html is 1 000 bytes; it inflates to 10 MB of zeros. The ZIP reader stops at the
        // declared size, and what it read is not what the manifest hashed.
        var archive = TestExports.Replace(Valid, "index.html", new byte[10 * 1024 * 1024], rehash: true);
        var lying = LieAboutUncompressedSize(archive, "index.html", 1000);

        var sut = Refusal(lying);

        Assert.Contains("'index.html'", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TotalLargerThanTheLimit_IsRefusedAsZipBomb()
    {
        var sut = Refusal(Valid, new ArchiveLimits(MaxTotalBytes: 4096));

        Assert.Contains("zip bomb", sut.Message, StringComparison.Ordinal);
        Assert.Contains("more than 4,096 bytes", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileChangedAfterExport_IsRefusedForItsHash()
    {
        var html = TestExports.TextEntry(Valid, "index.html").Replace("Your AstroBot data", "Your AstroBot data!", StringComparison.Ordinal);
        var archive = TestExports.Replace(Valid, "index.html", Encoding.UTF8.GetBytes(html), rehash: false);

        var sut = Refusal(archive);

        Assert.Contains("'index.html' does not match its SHA-256 in manifest.json", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DataChangedWithoutTheManifest_IsRefusedForItsHash()
    {
        var data = TestExports.JsonEntry(Valid, ExportArchive.DataFile);
        data["account"]!["display_name"] = "Mallory";
        var archive = TestExports.Replace(Valid, ExportArchive.DataFile, TestExports.Serialize(data), rehash: false);

        var sut = Refusal(archive);

        Assert.Contains("'data.json' does not match its SHA-256", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestHashChangedToAnotherValidLookingValue_IsRefusedAsAMismatch()
    {
        var archive = TestExports.ChangeManifest(Valid, manifest => manifest["files"]!["messages.csv"] = TestExports.Sha256("something else"u8.ToArray()));

        var sut = Refusal(archive);

        Assert.Contains("'messages.csv' does not match its SHA-256", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestHashOfTheWrongType_IsRefused()
    {
        var archive = TestExports.ChangeManifest(Valid, manifest => manifest["files"]!["messages.csv"] = 42);

        var sut = Record.Exception(() => ImportArchiveReader.Read(new MemoryStream(archive), ArchiveLimits.Default));

        Assert.IsType<ImportRefusedException>(sut);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("\"1\"")]
    [InlineData("null")]
    public void Read_UnknownSchemaVersionInTheManifest_IsRefused(string version)
    {
        var archive = TestExports.ChangeManifest(Valid, manifest => manifest["schema_version"] = JsonNode.Parse(version));

        var sut = Refusal(archive);

        Assert.Contains("manifest.json has schema version", sut.Message, StringComparison.Ordinal);
        Assert.Contains("imports schema version 1", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestWithoutASchemaVersion_IsRefused()
    {
        var sut = Refusal(TestExports.ChangeManifest(Valid, manifest => manifest.Remove("schema_version")));

        Assert.Contains("manifest.json has schema version (none)", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownSchemaVersionInDataJson_IsRefused()
    {
        var archive = TestExports.ChangeData(Valid, data => data["schema_version"] = 2);

        var sut = Refusal(archive);

        Assert.Contains("data.json has schema version 2", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProfileWithoutBirthDate_DoesNotMatchTheSchema()
    {
        var archive = TestExports.ChangeData(Valid, data => data["profiles"]![0]!.AsObject().Remove("birth_date"));

        var sut = Refusal(archive);

        Assert.Contains("does not match the export schema", sut.Message, StringComparison.Ordinal);
        Assert.Contains("/profiles/0", sut.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preferences", "zodiac_system", "\"vedic\"")]
    [InlineData("account", "consents", "\"none\"")]
    [InlineData("account", "wa_id", "\"+1 555 0100\"")]
    public void Read_SingleRecordWithAWrongValue_DoesNotMatchTheSchema(string collection, string field, string value)
    {
        var archive = TestExports.ChangeData(Valid, data => data[collection]![field] = JsonNode.Parse(value));

        var sut = Refusal(archive);

        Assert.Contains("does not match the export schema", sut.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("readings", "kind", "\"weekly\"")]
    [InlineData("messages", "direction", "\"sideways\"")]
    [InlineData("subscriptions", "plan", "\"platinum\"")]
    [InlineData("profiles", "latitude", "123.0")]
    [InlineData("profiles", "birth_time", "\"25:61:00\"")]
    [InlineData("readings", "type", "\"message\"")]
    public void Read_RecordWithAWrongValue_DoesNotMatchTheSchema(string collection, string field, string value)
    {
        var archive = TestExports.ChangeData(Valid, data => data[collection]![0]![field] = JsonNode.Parse(value));

        var sut = Refusal(archive);

        Assert.Contains("does not match the export schema", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTopLevelProperty_DoesNotMatchTheSchema()
    {
        var sut = Refusal(TestExports.ChangeData(Valid, data => data["extra"] = "x"));

        Assert.Contains("does not match the export schema", sut.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45T99:00:00Z")]
    public void Read_AuditRecordWithAnUnreadableTime_DoesNotMatchTheSchema(string at)
    {
        // The schema says "format": "date-time"; the importer parses it with DateTimeOffset.Parse after writing records.
        var archive = TestExports.ChangeData(Valid, data => data["audit"]![0]!["at"] = at);

        var sut = Record.Exception(() => ImportArchiveReader.Read(new MemoryStream(archive), ArchiveLimits.Default));

        var refusal = Assert.IsType<ImportRefusedException>(sut);
        Assert.Contains("does not match the export schema", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArchiveCutInHalf_IsNotAReadableZip()
    {
        var sut = Refusal(Valid[..(Valid.Length / 2)]);

        Assert.Contains("not a readable ZIP", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAZipAtAll_IsNotAReadableZip()
    {
        var sut = Refusal(Encoding.UTF8.GetBytes("{\"schema_version\": 1}"));

        Assert.Contains("not a readable ZIP", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryNotInTheManifest_IsRefused()
    {
        var archive = TestExports.Replace(Valid, "notes.txt", "hello"u8.ToArray(), rehash: false);

        var sut = Refusal(archive);

        Assert.Contains("'notes.txt', which manifest.json does not list", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestListsAFileTheArchiveDoesNotHold_IsRefused()
    {
        var archive = TestExports.Zip(TestExports.Unzip(Valid).Where(entry => entry.Name != "audit.csv"));

        var sut = Refusal(archive);

        Assert.Contains("lists 'audit.csv', which the archive does not hold", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoManifest_IsRefused()
    {
        var archive = TestExports.Zip(TestExports.Unzip(Valid).Where(entry => entry.Name != ExportArchive.ManifestFile));

        var sut = Refusal(archive);

        Assert.Contains("no manifest.json", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DataJsonThatIsNotJson_IsRefused()
    {
        var archive = TestExports.Replace(Valid, ExportArchive.DataFile, "{ not json"u8.ToArray(), rehash: true);

        var sut = Refusal(archive);

        Assert.Contains("data.json is not valid JSON", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestAndDataNamingDifferentUsers_IsRefused()
    {
        var archive = TestExports.ChangeManifest(Valid, manifest => manifest["wa_id"] = TestExports.Users[0].WaId);

        var sut = Refusal(archive);

        Assert.Contains("name different users", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameEntryTwice_IsRefused()
    {
        var entries = TestExports.Unzip(Valid);
        entries.Add(entries.Single(entry => entry.Name == ExportArchive.DataFile));

        var sut = Refusal(TestExports.Zip(entries));

        Assert.Contains("'data.json' twice", sut.Message, StringComparison.Ordinal);
    }

    private static ImportRefusedException Refusal(byte[] archive, ArchiveLimits? limits = null) =>
        Assert.Throws<ImportRefusedException>(() => ImportArchiveReader.Read(new MemoryStream(archive), limits ?? ArchiveLimits.Default));

    /// <summary>Rewrites the uncompressed size of <paramref name="name"/> in its local header and central directory record.</summary>
    private static byte[] LieAboutUncompressedSize(byte[] zip, string name, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var changed = 0;
        for (var at = 0; at + 4 <= bytes.Length; at++)
        {
            var signature = BitConverter.ToUInt32(bytes, at);
            var (sizeOffset, nameLengthOffset, nameOffset) = signature switch
            {
                0x04034b50 => (22, 26, 30), // local file header
                0x02014b50 => (24, 28, 46), // central directory file header
                _ => (-1, -1, -1),
            };
            if (sizeOffset < 0 || at + nameOffset + nameBytes.Length > bytes.Length
                || BitConverter.ToUInt16(bytes, at + nameLengthOffset) != nameBytes.Length
                || !bytes.AsSpan(at + nameOffset, nameBytes.Length).SequenceEqual(nameBytes))
            {
                continue;
            }

            BitConverter.GetBytes(size).CopyTo(bytes, at + sizeOffset);
            changed++;
        }

        Assert.Equal(2, changed);
        using var check = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(size, check.GetEntry(name)!.Length);
        return bytes;
    }
}
