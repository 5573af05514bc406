using System.Text.Json;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The Cosmos DB emulator eng/emulators runs: the installed <c>@vercel/cosmosdb-server</c> package's version.</summary>
internal static class CosmosServerVersion
{
    public static string Read(string repo)
    {
        var path = Path.Combine(repo, "eng", "node_modules", "@vercel", "cosmosdb-server", "package.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("version", out var version)
                ? $"@vercel/cosmosdb-server {version.GetString()}"
                : "@vercel/cosmosdb-server (version unknown)";
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return "@vercel/cosmosdb-server (version unknown)";
        }
    }
}
