using System.Text.Json;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>The repository's host.json, as the Functions runtime reads it.</summary>
internal static class HostJson
{
    public static JsonElement Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "host.json")));
        return document.RootElement.Clone();
    }
}
