using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// The export ZIP: <c>data.json</c>, one CSV per collection, <c>index.html</c> and <c>manifest.json</c> (schema
/// version, generation time and the SHA-256 of every other file). Entry names are fixed; nothing comes from data.
/// </summary>
public static class ExportArchive
{
    public const string DataFile = "data.json";
    public const string ManifestFile = "manifest.json";
    public const string PageFile = "index.html";

    public static byte[] Build(UserData data, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var files = new List<(string Name, byte[] Content)>
        {
            (DataFile, ExportDocument.Serialize(ExportDocument.Build(data, generatedAt))),
            (PageFile, ReadableSummaryPage.Write(data, generatedAt)),
        };
        foreach (var (property, container, _) in ExportDocument.Collections)
        {
            files.Add(($"{property}.csv", CsvTables.Write(data.ItemsOf(container))));
        }

        files.Add(("audit.csv", CsvTables.Write(data.Audit)));
        files.Add(("identifiers.csv", CsvTables.Write(data.Identifiers)));
        var manifest = new JsonObject
        {
            ["schema_version"] = ExportDocument.SchemaVersion,
            ["generated_at"] = generatedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["wa_id"] = data.WaId,
            ["files"] = new JsonObject(files.Select(file =>
                KeyValuePair.Create(file.Name, (JsonNode?)Convert.ToHexStringLower(SHA256.HashData(file.Content))))),
        };
        files.Add((ManifestFile, JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true })));

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = generatedAt;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }
}
