using System.Text.Json;

namespace AstroBot.Continuity.Availability.Reporting.LogAnalytics;

/// <summary>
/// The first table of a query's answer (<c>tables[0]</c>, <c>PrimaryResult</c>): its column names and its rows, each
/// row's values in column order, as the service typed them in JSON.
/// </summary>
public sealed class LogAnalyticsTable(IReadOnlyList<string> columns, IReadOnlyList<JsonElement[]> rows)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<JsonElement[]> Rows { get; } = rows;

    /// <summary>The position of column <paramref name="name"/>.</summary>
    /// <exception cref="LogAnalyticsQueryException">The answer has no such column.</exception>
    public int IndexOf(string name)
    {
        for (var index = 0; index < Columns.Count; index++)
        {
            if (string.Equals(Columns[index], name, StringComparison.Ordinal))
            {
                return index;
            }
        }

        throw new LogAnalyticsQueryException($"The Log Analytics answer has no column '{name}' (it has {string.Join(", ", Columns)}).");
    }
}
