using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Notices;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Degradation;

/// <summary>
/// Where a region keeps its inbox's outages: the table <c>Outage:TableName</c> in the region's own account, next to
/// the held queue (it is up whenever the region's inbox can run at all, also when the app account the regions share is
/// what is down):
/// <list type="bullet">
/// <item><c>("outage", "current")</c>: the current or last <see cref="Outage"/>.</item>
/// <item><c>("outage-{id}", SHA-256 of the user key)</c>: who was told of that outage (<see cref="Notices"/>).</item>
/// </list>
/// </summary>
public sealed class OutageStore
{
    private const string Partition = "outage";
    private const string Row = "current";
    private const string IdField = "OutageId";
    private const string DependencyField = "Dependency";
    private const string FailingSinceField = "FailingSince";
    private const string LastFailureAtField = "LastFailureAt";
    private const string DeclaredAtField = "DeclaredAt";
    private const string ResolvedAtField = "ResolvedAt";

    private readonly TableClient table;
    private readonly TimeSpan declareAfter;
    private readonly TimeProvider time;
    private readonly LastReadCache<Outage> current;

    public OutageStore(
        StorageClients storage, IOptions<OutageOptions> options, IOptions<FrontDoorOptions> frontDoor, IOptions<MaintenanceOptions> maintenance, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        table = storage.RegionTables.GetTableClient(options.Value.TableName);
        declareAfter = options.Value.DeclareAfter;
        this.time = time;
        current = new LastReadCache<Outage>(maintenance.Value.CacheDuration, time);
        Notices = new NoticeClaims(table, Partition + "-", frontDoor.Value.ClaimDuration, time);
    }

    /// <summary>Who was told of each outage.</summary>
    public NoticeClaims Notices { get; }

    /// <summary>Creates the table when it is missing.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    /// <summary>The current or last outage; null when the region never had one.</summary>
    public async Task<Outage?> ReadAsync(CancellationToken ct)
    {
        try
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct).ConfigureAwait(false);
            return OutageOf(read.HasValue ? read.Value : null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet: no outage ever
        }
    }

    /// <summary>
    /// The current or last outage as read at most <c>Maintenance:CacheDuration</c> ago in this process (the inbox asks for
    /// every webhook it holds); the last one read, or none, while the table cannot be read.
    /// </summary>
    public Task<Outage?> ReadCachedAsync(CancellationToken ct) => current.GetAsync(ReadAsync, static (_, _) => { }, ct);

    /// <summary>
    /// Records a failure of <paramref name="dependency"/>: opens an outage when none is open, and declares the open one
    /// once it has lasted <c>Outage:DeclareAfter</c>.
    /// </summary>
    /// <returns>The outage as it stands after the failure.</returns>
    public async Task<Outage> RecordFailureAsync(string dependency, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(dependency);
        try
        {
            return await RecordAsync(dependency, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await EnsureCreatedAsync(ct).ConfigureAwait(false); // the start-up initializer had not got to it
            return await RecordAsync(dependency, ct).ConfigureAwait(false);
        }
    }

    private async Task<Outage> RecordAsync(string dependency, CancellationToken ct) =>
        await WriteAsync(current =>
        {
            var now = time.GetUtcNow();
            var outage = current is { IsOpen: true }
                ? current with { Dependency = dependency, LastFailureAt = now }
                : new Outage(OccasionId.New(now), dependency, now, now, null, null);
            return outage.DeclaredAt is null && now - outage.FailingSince >= declareAfter ? outage with { DeclaredAt = now } : outage;
        }, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("An outage was written and not read back.");

    /// <summary>Resolves the open outage now.</summary>
    /// <returns>The outage as resolved, or null when none was open.</returns>
    public async Task<Outage?> ResolveAsync(CancellationToken ct)
    {
        Outage? resolved = null;
        try
        {
            await WriteAsync(current =>
            {
                resolved = current is { IsOpen: true } ? current with { ResolvedAt = time.GetUtcNow() } : null;
                return resolved;
            }, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet: nothing was open
        }

        return resolved;
    }

    private async Task<Outage?> WriteAsync(Func<Outage?, Outage?> next, CancellationToken ct)
    {
        var row = await table.ConditionalWriteAsync(Partition, Row, read => next(OutageOf(read)) is { } outage ? RowOf(outage) : null, ct)
            .ConfigureAwait(false);
        current.Invalidate(); // this process sees its own change at once
        return OutageOf(row);
    }

    private static TableEntity RowOf(Outage outage) => new(Partition, Row)
    {
        [IdField] = outage.Id,
        [DependencyField] = outage.Dependency,
        [FailingSinceField] = outage.FailingSince,
        [LastFailureAtField] = outage.LastFailureAt,
        [DeclaredAtField] = outage.DeclaredAt,
        [ResolvedAtField] = outage.ResolvedAt,
    };

    private static Outage? OutageOf(TableEntity? row) =>
        row?.GetString(IdField) is { } id
            ? new Outage(
                id,
                row.GetString(DependencyField) ?? string.Empty,
                row.GetDateTimeOffset(FailingSinceField) ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset(LastFailureAtField) ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset(DeclaredAtField),
                row.GetDateTimeOffset(ResolvedAtField))
            : null;
}
