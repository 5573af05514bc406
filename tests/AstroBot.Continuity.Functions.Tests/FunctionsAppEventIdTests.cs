using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// The Functions app logs through the core's <c>LogMessages</c>, whose event ids come from the one table,
/// <c>ContinuityEventId</c>, checked unique over the core, the local assembly and the CLI by their tests. A
/// <c>[LoggerMessage]</c> declared in the app itself would escape that check, so there is none.
/// </summary>
public sealed class FunctionsAppEventIdTests
{
    [Fact]
    public void FunctionsApp_DeclaresNoLogMessageOfItsOwn()
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

        var own = Assembly.Load("AstroBot.Continuity.Functions").GetTypes()
            .SelectMany(type => type.GetMethods(declared))
            .Where(method => method.GetCustomAttribute<LoggerMessageAttribute>() is not null)
            .Select(method => $"{method.DeclaringType!.FullName}.{method.Name}");

        AssertNone(own);
    }

    // Every offender in full: Assert.Empty cuts long items short.
    private static void AssertNone(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }
}
