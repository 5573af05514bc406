using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// What only the local host and the tests need lives in AstroBot.Continuity.Local (the Graph API sink, the seed, the
/// queue pumps and the bot stand-in, the local scheduler, the in-process Durable wiring) and never ships to Azure.
/// The Functions app is this project's only reference, so this output folder holds the app's build output.
/// </summary>
public sealed class LocalAssemblyBoundaryTests
{
    private const string LocalAssembly = "AstroBot.Continuity.Local";

    /// <summary>The stand-ins that once lived in the core, by type name: none may come back into what is deployed.</summary>
    private static readonly HashSet<string> StandIns =
    [
        "GraphApiSink", "SeedGenerator", "SeedWriter", "QueueInboxPump", "QueueDrainer", "LocalBotStandIn",
        "ExportRequestPump", "PortabilityDurableTasks", "ScheduledJobRunner", "ScheduleLedger",
    ];

    public static TheoryData<string> DeployedAssemblies => ["AstroBot.Continuity", "AstroBot.Continuity.Functions"];

    [Fact]
    public void FunctionsAppDependencies_DoNotIncludeTheLocalAssembly()
    {
        // The app's deps.json names every library it loads, project references included; publishing deploys the same set.
        var libraries = FunctionsAppLibraries();

        Assert.Contains("AstroBot.Continuity", libraries);
        Assert.DoesNotContain(LocalAssembly, libraries);
    }

    [Fact]
    public void OutputFolder_HoldsNoLocalAssembly()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "AstroBot.Continuity.Functions.dll")));

        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, LocalAssembly + ".dll")), $"{LocalAssembly}.dll is in the Functions app's build output");
    }

    [Theory]
    [MemberData(nameof(DeployedAssemblies))]
    public void DeployedAssembly_DoesNotReferenceTheLocalAssembly(string assemblyName)
    {
        var sut = Assembly.Load(assemblyName);

        Assert.DoesNotContain(LocalAssembly, sut.GetReferencedAssemblies().Select(reference => reference.Name));
    }

    [Theory]
    [MemberData(nameof(DeployedAssemblies))]
    public void DeployedAssembly_HoldsNoLocalStandIn(string assemblyName)
    {
        var types = Assembly.Load(assemblyName).GetTypes();

        Assert.Empty(types.Where(type => StandIns.Contains(type.Name)).Select(type => type.FullName));
        Assert.Empty(types.Where(type => IsLocalNamespace(type.Namespace)).Select(type => type.FullName));
        // In Azure the queue and timer triggers do that work; a background loop in the core is a stand-in for one.
        Assert.Empty(types.Where(type => typeof(BackgroundService).IsAssignableFrom(type)).Select(type => type.FullName));
    }

    private static bool IsLocalNamespace(string? ns) =>
        ns is not null
        && (ns.EndsWith(".Sink", StringComparison.Ordinal)
            || ns.EndsWith(".Seed", StringComparison.Ordinal)
            || ns == LocalAssembly
            || ns.StartsWith(LocalAssembly + ".", StringComparison.Ordinal));

    private static List<string> FunctionsAppLibraries()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "AstroBot.Continuity.Functions.deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0])];
    }
}
