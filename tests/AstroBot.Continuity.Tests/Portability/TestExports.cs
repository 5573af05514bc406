using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Tests.Portability;

/// <summary>
/// In-memory exports: <see cref="UserData"/> made from seed documents the way <see cref="UserDataReader"/> makes it
/// (canonical JSON, sorted by id), and ZIP surgery for archives that were altered after <see cref="ExportArchive.Build"/>.
/// </summary>
public static class TestExports
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly SeedRequest Seed = new(Users: 30, ReadingsPerUser: 8, Seed: 90210, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public static IReadOnlyList<UserDataSet> Users { get; } = [.. SeedGenerator.Generate(Seed)];

    public static JsonObject Json(BotDocument document) =>
        JsonNode.Parse(CanonicalItem.Parse(Encoding.UTF8.GetBytes(Newtonsoft.Json.JsonConvert.SerializeObject(document))).Json)!.AsObject();

    public static UserData DataOf(UserDataSet user, IReadOnlyList<JsonObject>? audit = null, IReadOnlyList<JsonObject>? identifiers = null) =>
        new(
            user.WaId,
            BotDataModel.Containers.ToDictionary(
                container => container.Name,
                container => (IReadOnlyList<JsonObject>)[.. user.Documents.Where(document => document.Type == container.DocumentType)
                    .Select(Json).OrderBy(item => (string?)item["id"], StringComparer.Ordinal)],
                StringComparer.Ordinal),
            audit ?? [],
            identifiers ?? []);

    /// <summary>A user's data with every document changed by <paramref name="change"/> first.</summary>
    public static UserData With(UserData data, string container, Action<JsonObject> change)
    {
        var containers = data.Containers.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<JsonObject>)[.. pair.Value.Select(item =>
            {
                var copy = item.DeepClone().AsObject();
                if (pair.Key == container)
                {
                    change(copy);
                }

                return copy;
            })],
            StringComparer.Ordinal);
        return data with { Containers = containers };
    }

    public static List<JsonObject> Audit(params (string Event, string Channel, string At)[] records) =>
        [.. records.Select((record, index) => new JsonObject
        {
            ["id"] = $"{index:D19}-0000000{index}",
            ["event"] = record.Event,
            ["channel"] = record.Channel,
            ["at"] = record.At,
        })];

    /// <summary>The entries of a ZIP, in archive order.</summary>
    public static List<(string Name, byte[] Content)> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(entry =>
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (entry.FullName, buffer.ToArray());
        })];
    }

    public static byte[] Entry(byte[] zip, string name) => Unzip(zip).Single(entry => entry.Name == name).Content;

    public static JsonObject JsonEntry(byte[] zip, string name) => JsonNode.Parse(Entry(zip, name))!.AsObject();

    public static string TextEntry(byte[] zip, string name) => Encoding.UTF8.GetString(Entry(zip, name));

    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// The archive with <paramref name="name"/> replaced (or added) by <paramref name="content"/>; with
    /// <paramref name="rehash"/> the manifest lists the new SHA-256, so only what was changed on purpose is wrong.
    /// </summary>
    public static byte[] Replace(byte[] zip, string name, byte[] content, bool rehash)
    {
        var entries = Unzip(zip);
        var index = entries.FindIndex(entry => entry.Name == name);
        if (index < 0)
        {
            entries.Add((name, content));
        }
        else
        {
            entries[index] = (name, content);
        }

        if (rehash)
        {
            var manifestIndex = entries.FindIndex(entry => entry.Name == ExportArchive.ManifestFile);
            var manifest = JsonNode.Parse(entries[manifestIndex].Content)!.AsObject();
            manifest["files"]![name] = Sha256(content);
            entries[manifestIndex] = (ExportArchive.ManifestFile, Serialize(manifest));
        }

        return Zip(entries);
    }

    /// <summary>The archive with its data.json changed by <paramref name="change"/> and the manifest updated to match.</summary>
    public static byte[] ChangeData(byte[] zip, Action<JsonObject> change)
    {
        var data = JsonEntry(zip, ExportArchive.DataFile);
        change(data);
        return Replace(zip, ExportArchive.DataFile, Serialize(data), rehash: true);
    }

    /// <summary>The archive with its manifest.json changed by <paramref name="change"/>.</summary>
    public static byte[] ChangeManifest(byte[] zip, Action<JsonObject> change)
    {
        var manifest = JsonEntry(zip, ExportArchive.ManifestFile);
        change(manifest);
        return Replace(zip, ExportArchive.ManifestFile, Serialize(manifest), rehash: false);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>data.json without generated_at, as compact text: what two exports of the same data share.</summary>
    public static string WithoutGeneratedAt(JsonObject data)
    {
        var copy = data.DeepClone().AsObject();
        copy.Remove("generated_at");
        return copy.ToJsonString();
    }
}
