namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>The repository's bicep/ folder and every template and parameters file in it, discovered.</summary>
public static class BicepFiles
{
    public static string Root { get; } = FindBicepRoot();

    public static string MainTemplate => Path.Combine(Root, "main.bicep");

    /// <summary>The repository's root (where Serverless.sln is), for checks against the code the templates configure.</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Root)!;

    public static TheoryData<string> Templates() => Discover("*.bicep");

    public static TheoryData<string> ParameterFiles() => Discover("*.bicepparam");

    /// <summary>Templates and parameters files alike: both are linted.</summary>
    public static TheoryData<string> All() => Discover("*.bicep", "*.bicepparam");

    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    // Paths relative to bicep/ keep the test names readable.
    private static TheoryData<string> Discover(params string[] patterns)
    {
        var files = patterns
            .SelectMany(pattern => Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(Root, file))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No {string.Join(", ", patterns)} files under {Root}.");
        }

        return new TheoryData<string>(files);
    }

    // Walks up from the project's source folder: the build output may live outside the repository (--artifacts-path).
    private static string FindBicepRoot()
    {
        var start = BuildMetadata.Get("ProjectDirectory");
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return Path.Combine(directory.FullName, "bicep");
            }
        }

        throw new DirectoryNotFoundException($"No Serverless.sln above {start}.");
    }
}
