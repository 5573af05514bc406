using System.Reflection;

namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>Values the build wrote into this assembly (AssemblyMetadata items in the project file).</summary>
public static class BuildMetadata
{
    public static string Get(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The build wrote no AssemblyMetadata '{key}'.");
}
