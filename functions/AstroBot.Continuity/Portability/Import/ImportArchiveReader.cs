using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// Opens an export archive for import and trusts nothing in it: a damaged ZIP, an entry whose path leaves the
/// archive (zip slip), too many or too large entries (zip bomb, counted while reading, not from the headers),
/// a file not in the manifest or whose SHA-256 differs from it, an unknown schema version, and records that do
/// not validate against the export schema are each refused with a message that names the problem.
/// </summary>
public static class ImportArchiveReader
{
    public static ImportArchive Read(Stream zip, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var files = ReadEntries(zip, limits);
        if (!files.TryGetValue(ExportArchive.ManifestFile, out var manifestBytes))
        {
            throw new ImportRefusedException("The archive has no manifest.json: it is not an AstroBot export.");
        }

        var manifest = ParseObject(manifestBytes, ExportArchive.ManifestFile);
        CheckSchemaVersion(manifest["schema_version"], ExportArchive.ManifestFile);
        var listed = manifest["files"] as JsonObject ?? throw new ImportRefusedException("manifest.json lists no files.");
        foreach (var name in files.Keys.Where(name => name != ExportArchive.ManifestFile && !listed.ContainsKey(name)))
        {
            throw new ImportRefusedException($"The archive holds '{name}', which manifest.json does not list.");
        }

        foreach (var (name, hash) in listed)
        {
            if (!files.TryGetValue(name, out var content))
            {
                throw new ImportRefusedException($"manifest.json lists '{name}', which the archive does not hold.");
            }

            if (hash is not JsonValue value || !value.TryGetValue<string>(out var expected)
                || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), expected, StringComparison.Ordinal))
            {
                throw new ImportRefusedException($"'{name}' does not match its SHA-256 in manifest.json: the archive was altered or damaged.");
            }
        }

        if (!files.TryGetValue(ExportArchive.DataFile, out var dataBytes))
        {
            throw new ImportRefusedException("The archive has no data.json.");
        }

        var data = ParseObject(dataBytes, ExportArchive.DataFile);
        CheckSchemaVersion(data["schema_version"], ExportArchive.DataFile);
        ExportSchema.Validate(data);
        var waId = (string?)data["wa_id"] ?? throw new ImportRefusedException("data.json has no wa_id.");
        foreach (var (property, _, single) in ExportDocument.Collections)
        {
            var records = single ? data[property] is JsonObject one ? [one] : [] : (data[property] as JsonArray ?? []).OfType<JsonObject>();
            if (records.FirstOrDefault(record => (string?)record["wa_id"] != waId) is { } foreign)
            {
                throw new ImportRefusedException($"data.json holds a record in '{property}' ({(string?)foreign["id"]}) of another user than the archive's: an export never does.");
            }
        }

        if (!string.Equals((string?)manifest["wa_id"], waId, StringComparison.Ordinal))
        {
            throw new ImportRefusedException("manifest.json and data.json name different users.");
        }

        // The schema requires generated_at as a date-time.
        var generatedAt = DateTimeOffset.Parse((string)data["generated_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        return new ImportArchive(waId, generatedAt, data);
    }

    private static Dictionary<string, byte[]> ReadEntries(Stream zip, ArchiveLimits limits)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new ImportRefusedException($"The archive holds {archive.Entries.Count} entries; at most {limits.MaxEntries} are accepted (zip bomb guard).");
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                CheckName(entry.FullName);
                var content = ReadBounded(entry, limits, limits.MaxTotalBytes - total);
                total += content.Length;
                if (!files.TryAdd(entry.FullName, content))
                {
                    throw new ImportRefusedException($"The archive holds '{entry.FullName}' twice.");
                }
            }

            return files;
        }
        catch (InvalidDataException exception)
        {
            throw new ImportRefusedException("The file is not a readable ZIP archive (truncated or damaged).", exception);
        }
    }

    /// <summary>Export entries are plain names at the root; anything with a path could be written outside a target folder.</summary>
    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            || name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal))
        {
            throw new ImportRefusedException($"The archive entry '{name}' has a path that escapes the archive (zip slip); export entries are plain file names.");
        }
    }

    private static byte[] ReadBounded(ZipArchiveEntry entry, ArchiveLimits limits, long remaining)
    {
        // Headers can lie about sizes: count what decompression actually produces.
        var ratioLimit = (long)Math.Max(64 * 1024, entry.CompressedLength * limits.MaxCompressionRatio);
        var limit = Math.Min(remaining, ratioLimit);
        using var source = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new ImportRefusedException(limit == remaining
                    ? $"The archive expands to more than {limits.MaxTotalBytes:N0} bytes (zip bomb guard)."
                    : $"'{entry.FullName}' expands more than {limits.MaxCompressionRatio}:1 (zip bomb guard).");
            }
        }

        return buffer.ToArray();
    }

    private static JsonObject ParseObject(byte[] content, string name)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject ?? throw new ImportRefusedException($"{name} is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new ImportRefusedException($"{name} is not valid JSON: {exception.Message}", exception);
        }
    }

    private static void CheckSchemaVersion(JsonNode? version, string name)
    {
        if (version is not JsonValue value || !value.TryGetValue<int>(out var number) || number != ExportDocument.SchemaVersion)
        {
            throw new ImportRefusedException($"{name} has schema version {version?.ToJsonString() ?? "(none)"}; this version imports schema version {ExportDocument.SchemaVersion}.");
        }
    }
}
