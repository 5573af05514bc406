using System.Text.Json.Nodes;
using System.IO.Compression;
using System.Text;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Tests.Portability.Export;

public sealed class ExportArchiveTests
{
    private static readonly string[] ExpectedFiles =
        ["data.json", "index.html", "account.csv", "profiles.csv", "preferences.csv", "subscriptions.csv", "readings.csv", "messages.csv", "audit.csv", "identifiers.csv", "manifest.json"];

    [Fact]
    public void Build_SeededUser_HoldsExactlyTheElevenFilesAtTheRoot()
    {
        var sut = ExportArchive.Build(TestExports.DataOf(TestExports.Users[0]), TestExports.GeneratedAt);

        Assert.Equal(ExpectedFiles.Order(StringComparer.Ordinal), TestExports.Unzip(sut).Select(entry => entry.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_Manifest_ListsTheSha256OfEveryOtherFile()
    {
        var user = TestExports.Users[1];

        var sut = ExportArchive.Build(TestExports.DataOf(user), TestExports.GeneratedAt);

        var manifest = TestExports.JsonEntry(sut, ExportArchive.ManifestFile);
        var files = manifest["files"]!.AsObject();
        var entries = TestExports.Unzip(sut).Where(entry => entry.Name != ExportArchive.ManifestFile).ToList();
        Assert.Equal(entries.Select(entry => entry.Name).Order(StringComparer.Ordinal), files.Select(file => file.Key).Order(StringComparer.Ordinal));
        Assert.All(entries, entry => Assert.Equal(TestExports.Sha256(entry.Content), (string?)files[entry.Name]));
        Assert.All(files, file => Assert.Matches("^[0-9a-f]{64}$", (string?)file.Value));
        Assert.Equal((1, user.WaId, "2026-12-01T09:30:00.0000000+00:00"), ((int)manifest["schema_version"]!, (string?)manifest["wa_id"], (string?)manifest["generated_at"]));
    }

    [Fact]
    public void Build_EverySeededUser_DataJsonValidatesAgainstTheExportSchema()
    {
        foreach (var user in TestExports.Users)
        {
            var sut = ExportArchive.Build(TestExports.DataOf(user), TestExports.GeneratedAt);

            var data = TestExports.JsonEntry(sut, ExportArchive.DataFile);
            ExportSchema.Validate(data);
            Assert.Equal(user.WaId, (string?)data["wa_id"]);
        }
    }

    [Fact]
    public void Build_EachCollection_HasACsvWithAHeaderAndOneRowPerRecord()
    {
        var user = TestExports.Users[2];
        var data = TestExports.DataOf(user, TestExports.Audit(("export_requested", "whatsapp", "2026-11-30T10:00:00.0000000+00:00"), ("export_link_created", "whatsapp", "2026-11-30T10:00:05.0000000+00:00")));

        var sut = ExportArchive.Build(data, TestExports.GeneratedAt);

        foreach (var (property, container, _) in ExportDocument.Collections)
        {
            var rows = Csv.Rows(TestExports.TextEntry(sut, $"{property}.csv"));
            Assert.Equal(data.ItemsOf(container).Select(item => (string?)item["id"]), rows.Select(row => row["id"]));
        }

        Assert.Equal(["export_requested", "export_link_created"], Csv.Rows(TestExports.TextEntry(sut, "audit.csv")).Select(row => row["event"]));
    }

    [Fact]
    public void Build_SameDataTwice_SameBytes()
    {
        var data = TestExports.DataOf(TestExports.Users[3]);

        var sut = ExportArchive.Build(data, TestExports.GeneratedAt);

        Assert.Equal(sut, ExportArchive.Build(data, TestExports.GeneratedAt));
    }

    [Fact]
    public void Build_Entries_AreCompressedAndDatedAtGeneration()
    {
        var sut = ExportArchive.Build(TestExports.DataOf(TestExports.Users[4]), TestExports.GeneratedAt);

        using var zip = new ZipArchive(new MemoryStream(sut), ZipArchiveMode.Read);
        var data = zip.GetEntry(ExportArchive.DataFile)!;
        Assert.True(data.CompressedLength < data.Length, "data.json is deflated");
        Assert.All(zip.Entries, entry => Assert.Equal(TestExports.GeneratedAt.DateTime, entry.LastWriteTime.DateTime, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Build_Archive_IsAcceptedByTheImportReader()
    {
        var user = TestExports.Users[6];

        var sut = ExportArchive.Build(TestExports.DataOf(user), TestExports.GeneratedAt);

        var imported = ImportArchiveReader.Read(new MemoryStream(sut), ArchiveLimits.Default);
        Assert.Equal(user.WaId, imported.WaId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestExports.Entry(sut, ExportArchive.DataFile)), imported.Data));
        Assert.Equal(user.Messages.Count, imported.Data["messages"]!.AsArray().Count);
        Assert.Equal(BotDataModel.Containers.Count, ExportDocument.Collections.Count);
    }
}
