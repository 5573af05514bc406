using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AstroBot.Continuity.Cli.Tests;

/// <summary>
/// Checked-in snapshots of the surfaces people depend on (help text, JSON shapes), under <c>Snapshots/</c> next to
/// this file. A deliberate change is accepted by running the tests once with <c>UPDATE_SNAPSHOTS=1</c> and
/// reviewing the diff.
/// </summary>
internal static class Snapshot
{
    public static void Matches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Directory(caller), "Snapshots", name);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run the tests with UPDATE_SNAPSHOTS=1 to write it.");
        Assert.Equal(Normalize(File.ReadAllText(path)), actual);
    }

    // Help wraps with trailing spaces, which editors strip: compare without them.
    private static string Normalize(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()));

    /// <summary>
    /// The shape of a JSON document: every property path (<c>[].backup_id</c>), sorted, one per line. Values change
    /// from run to run; the names and nesting are what scripts depend on.
    /// </summary>
    public static string ShapeOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(document.RootElement, string.Empty, paths);
        return string.Join("\n", paths) + "\n";
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    paths.Add(child);
                    Walk(property.Value, child, paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]", paths);
                }

                break;
        }
    }

    // The test project's directory: snapshots live in the source tree, not in bin/.
    private static string Directory(string caller)
    {
        var directory = Path.GetDirectoryName(caller)!;
        while (!File.Exists(Path.Combine(directory, "AstroBot.Continuity.Cli.Tests.csproj")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
