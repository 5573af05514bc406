using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>What an import did to one container's records (in a dry run: would do).</summary>
/// <param name="Skipped">Records stored with other content and kept (<see cref="ImportConflict.Skip"/>).</param>
public sealed record ImportCounts(int Created, int Unchanged, int Overwritten, int Skipped)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0);

    public ImportCounts Add(ImportAction action) => action switch
    {
        ImportAction.Create => this with { Created = Created + 1 },
        ImportAction.Unchanged => this with { Unchanged = Unchanged + 1 },
        ImportAction.Overwrite => this with { Overwritten = Overwritten + 1 },
        ImportAction.SkipConflict => this with { Skipped = Skipped + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public ImportCounts Add(ImportCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Created + other.Created, Unchanged + other.Unchanged, Overwritten + other.Overwritten, Skipped + other.Skipped);
    }

    /// <summary>Every container of the bot's data, zero included, in the bot's order.</summary>
    public static Dictionary<string, ImportCounts> PerContainer(IEnumerable<ImportChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var counts = BotDataModel.Containers.ToDictionary(container => container.Name, _ => None, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            counts[change.Container] = counts.GetValueOrDefault(change.Container, None).Add(change.Action);
        }

        return counts;
    }

    public static ImportCounts Total(IEnumerable<ImportCounts> counts) => counts.Aggregate(None, (total, next) => total.Add(next));
}
