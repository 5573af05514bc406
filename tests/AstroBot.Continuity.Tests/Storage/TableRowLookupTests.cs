using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Storage;

/// <summary>Against Azurite, each test with its own table.</summary>
public sealed class TableRowLookupTests : IAsyncLifetime
{
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly string tableName = EmulatorEndpoints.UniqueName("lookup");

    private TableClient Table => storage.Tables.GetTableClient(tableName);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(tableName);

    [Fact]
    public async Task FindAsync_ManyKeysInSeveralPartitions_ReturnsTheRowsAskedForThatExistAndNoOthers()
    {
        // 30 rows in one partition (more than one query's worth of keys), 5 in another, and a row key with a quote.
        await Table.CreateAsync();
        var rows = Enumerable.Range(0, 30).Select(index => ("p1", $"r{index:D2}")).Append(("p1", "o'brien"))
            .Concat(Enumerable.Range(0, 5).Select(index => ("p2", $"r{index:D2}"))).ToList();
        foreach (var (partition, row) in rows)
        {
            await Table.AddEntityAsync(new TableEntity(partition, row) { ["Value"] = partition + row });
        }

        // Every other row of p1, so each query's key range holds rows it must leave out; and keys with no row.
        var asked = rows.Where((key, index) => key.Item1 == "p2" || index % 2 == 0).Append(("p1", "missing")).Append(("p3", "r00")).ToList();

        var found = await TableRowLookup.FindAsync(Table, asked, select: null, CancellationToken.None);

        var expected = asked.Intersect(rows).Select(key => key.Item1 + key.Item2).Order(StringComparer.Ordinal);
        Assert.Equal(expected, found.Select(row => row.GetString("Value")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindAsync_NoTable_ReturnsNoRows()
    {
        var found = await TableRowLookup.FindAsync(Table, [("p1", "r00"), ("p2", "r00")], select: null, CancellationToken.None);

        Assert.Empty(found);
    }
}
