using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary>Export archives on disk for the tests: read, altered and made up with System.IO.Compression.</summary>
internal static class TestArchives
{
    /// <summary>Every entry of a ZIP file, by name.</summary>
    public static Dictionary<string, byte[]> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }, StringComparer.Ordinal);
    }

    /// <summary>The archive's data.json.</summary>
    public static JsonElement Data(string path)
    {
        using var document = JsonDocument.Parse(Entries(path)["data.json"]);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a ZIP of <paramref name="entries"/>, in order.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }
    }

    /// <summary>A copy of <paramref name="source"/> with one byte of data.json changed (the manifest left as it was).</summary>
    public static void Tamper(string source, string target)
    {
        var entries = Entries(source);
        var data = entries["data.json"];
        // A digit of the wa_id becomes another digit: still JSON, no longer what the manifest hashed.
        var at = Encoding.UTF8.GetString(data).IndexOf("\"wa_id\": \"", StringComparison.Ordinal) + "\"wa_id\": \"".Length;
        Assert.True(at > "\"wa_id\": \"".Length, "data.json has no wa_id to alter");
        data[at] = (byte)(data[at] == (byte)'9' ? '8' : '9');
        Write(target, entries);
    }

    /// <summary>A copy of <paramref name="source"/> that also holds an entry whose path leaves the archive.</summary>
    public static void ZipSlip(string source, string target) =>
        Write(target, Entries(source).Append(KeyValuePair.Create("../../evil.sh", "echo pwned\n"u8.ToArray())));
}
