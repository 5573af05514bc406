using System.Reflection;
using AstroBot.Continuity.Local.Hosting;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli.Tests.Observability;

/// <summary>
/// <c>continuity serve</c> runs the core, <c>AstroBot.Continuity.Local</c> and the CLI in one process, so their log
/// messages share one table of event ids, <see cref="ContinuityEventId"/>. This project references all three: here every
/// <c>[LoggerMessage]</c> of them is read at once (the core's tests check the first two without the CLI).
/// </summary>
public sealed class ContinuityEventIdTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private static readonly Assembly[] Assemblies =
    [
        typeof(ContinuityEventId).Assembly, typeof(ScheduledJobRunner).Assembly, typeof(ContinuityCommandLine).Assembly,
    ];

    private static readonly IReadOnlyDictionary<string, int> Table = typeof(ContinuityEventId)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(int))
        .ToDictionary(field => field.Name, field => (int)field.GetRawConstantValue()!);

    [Fact]
    public void Reflection_FindsTheMessagesOfAllThreeAssemblies()
    {
        var assemblies = Messages().Select(message => message.Assembly).Distinct();

        Assert.Equal(Assemblies.Select(assembly => assembly.GetName().Name!).Order(), assemblies.Order());
    }

    [Fact]
    public void LogMessages_OfTheCoreTheLocalAssemblyAndTheCli_ShareNoId()
    {
        var shared = Messages()
            .GroupBy(message => message.Id)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Method))}");

        AssertNone(shared);
    }

    [Fact]
    public void LogMessages_TakeTheConstantNamedAfterThemFromTheTable()
    {
        var outside = Messages()
            .Where(message => !Table.TryGetValue(message.Name, out var id) || id != message.Id)
            .Select(message => $"{message.Method} = {message.Id}");

        AssertNone(outside);
    }

    [Fact]
    public void Table_EveryConstantIsTheIdOfExactlyOneMessage()
    {
        var uses = Messages().ToLookup(message => message.Id);

        var notOnce = Table
            .Where(constant => uses[constant.Value].Count() != 1)
            .Select(constant => $"{constant.Key} = {constant.Value}: used by {uses[constant.Value].Count()} messages");

        AssertNone(notOnce);
    }

    [Fact]
    public void CliMessages_AreInTheCliRange()
    {
        var cli = typeof(ContinuityCommandLine).Assembly.GetName().Name;

        // 5000 and 5001 were the CLI's until they were found to be backup's too.
        Assert.All(Messages().Where(message => message.Assembly == cli), message => Assert.InRange(message.Id, 8000, 8999));
    }

    private static IEnumerable<(string Assembly, string Method, string Name, int Id)> Messages() =>
        Assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(Declared))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(found => found.Attribute is not null)
            .Select(found => (
                found.Method.DeclaringType!.Assembly.GetName().Name!,
                $"{found.Method.DeclaringType.FullName}.{found.Method.Name}",
                found.Method.Name,
                found.Attribute!.EventId));

    // Every offender in full: Assert.Empty cuts long items short.
    private static void AssertNone(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }
}
