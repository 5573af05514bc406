using System.Reflection;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Local.Hosting;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Tests.Observability;

/// <summary>
/// <see cref="ContinuityEventId"/> is the one table of log event ids. These tests read every <c>[LoggerMessage]</c> of
/// the core and of <c>AstroBot.Continuity.Local</c> (the ones this project references); the CLI's tests check the same
/// over all three assemblies, the CLI's messages (8000-8999) included, and that every constant is used exactly once.
/// </summary>
public sealed partial class ContinuityEventIdTests
{
    /// <summary>The CLI's range: its messages are in an assembly this project does not reference.</summary>
    private const int CliRangeStart = 8000;
    private const int CliRangeEnd = 8999;

    private static readonly Assembly[] Assemblies = [typeof(ContinuityEventId).Assembly, typeof(ScheduledJobRunner).Assembly];

    [Fact]
    public void Reflection_FindsTheMessagesOfBothAssemblies()
    {
        var messages = LogMessage.In(Assemblies);

        // Guards the other tests against passing on nothing: both assemblies log, and a message of each is found.
        Assert.Contains(messages, message => message.Name == nameof(ContinuityEventId.BackupStarting) && message.Id == 5000);
        Assert.Contains(messages, message => message.Name == nameof(ContinuityEventId.QueueMessagePoisoned) && message.Id == 1404);
    }

    [Fact]
    public void Table_GivesEveryConstantItsOwnId()
    {
        var shared = ContinuityEventIdTable.Constants
            .GroupBy(constant => constant.Value)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(constant => constant.Key))}");

        AssertNone(shared);
    }

    [Fact]
    public void LogMessages_ShareNoId()
    {
        var shared = LogMessage.In(Assemblies)
            .GroupBy(message => message.Id)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group)}");

        AssertNone(shared);
    }

    [Fact]
    public void LogMessages_TakeTheConstantNamedAfterThemFromTheTable()
    {
        var table = ContinuityEventIdTable.Constants;

        // The attribute holds only the number; a literal, or another message's constant, shows as a mismatch here.
        var outside = LogMessage.In(Assemblies)
            .Where(message => !table.TryGetValue(message.Name, out var id) || id != message.Id)
            .Select(message => $"{message} (the table: {(table.TryGetValue(message.Name, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")})");

        AssertNone(outside);
    }

    [Fact]
    public void Table_HasNoConstantThatNoMessageUses()
    {
        var used = LogMessage.In(Assemblies).Select(message => message.Id).ToHashSet();

        var unused = ContinuityEventIdTable.Constants
            .Where(constant => !used.Contains(constant.Value) && constant.Value is < CliRangeStart or > CliRangeEnd)
            .Select(constant => $"{constant.Key} = {constant.Value}");

        AssertNone(unused);
    }

    [Fact]
    public void Docs_NameOnlyEventIdsOfTheTable()
    {
        var root = RepositoryRoot();
        var ids = ContinuityEventIdTable.Constants.Values.ToHashSet();
        var documents = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "README.md"));

        var unknown = documents
            .SelectMany(path => EventReference().Matches(File.ReadAllText(path))
                .Select(match => (Path: Path.GetRelativePath(root, path), Id: int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture))))
            .Where(reference => !ids.Contains(reference.Id))
            .Select(reference => $"{reference.Path}: event {reference.Id}");

        AssertNone(unknown);
    }

    // Every offender in full: Assert.Empty cuts long items short.
    private static void AssertNone(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    [GeneratedRegex(@"\bevents? (?<id>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex EventReference();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}

/// <summary>The constants of <see cref="ContinuityEventId"/>, by name.</summary>
internal static class ContinuityEventIdTable
{
    public static IReadOnlyDictionary<string, int> Constants { get; } = typeof(ContinuityEventId)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(int))
        .ToDictionary(field => field.Name, field => (int)field.GetRawConstantValue()!);
}

/// <summary>A source-generated log message: its method and the event id its <c>[LoggerMessage]</c> declares.</summary>
internal sealed record LogMessage(string Assembly, string Type, string Name, int Id)
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<LogMessage> In(IEnumerable<Assembly> assemblies) =>
    [
        .. assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(Declared))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(found => found.Attribute is not null)
            .Select(found => new LogMessage(
                found.Method.DeclaringType!.Assembly.GetName().Name!, found.Method.DeclaringType.FullName!, found.Method.Name, found.Attribute!.EventId)),
    ];

    public override string ToString() => $"{Type}.{Name} ({Assembly}) = {Id}";
}
