using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Portability.Export;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// Writes a checked archive into the bot's database, idempotently: a record that is already there unchanged is
/// left alone, a new one is created, a different one is skipped or overwritten as asked. Ids are kept, so a
/// reading still points at its profile and a message at its conversation. A dry run reports the same decisions
/// and writes nothing. The database must exist (an import never creates one), and an archive made before its user
/// was erased here is refused unless <see cref="ImportRequest.AllowErased"/> says the user asked for it. An archive
/// lands on the person the identity directory knows by any of its identifiers (one made under an older number
/// lands on the person who has a newer one), and the identifiers nobody else holds are linked to that person.
/// </summary>
public sealed class UserImporter(
    CosmosClient cosmos,
    IOptions<CosmosOptions> options,
    AuditTrail audit,
    ErasureJournal erasures,
    IdentityDirectory directory,
    IdentityClaims claims,
    IdentityLinker linker,
    IdentityLookup lookup)
{
    private const int RecordsInFlight = 8;

    // Checked once per importer: a whole-tenant import does not read every container again for each user.
    private volatile bool databaseChecked;

    public async Task<ImportReport> ImportAsync(ImportArchive archive, ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(request);
        var identifiers = IdentifierRecords.Read(archive.Data);
        var target = request.As is { } asWhom
            ? (await lookup.FindAsync(asWhom, cancellationToken).ConfigureAwait(false))?.UserKey
                ?? throw new ImportRefusedException($"Nobody here is known as {asWhom}: give a person's key or one of their identifiers.")
            : await PersonOfAsync(archive, identifiers, cancellationToken).ConfigureAwait(false);
        if (request.ForUser is { } forUser && forUser != target)
        {
            throw new ImportRefusedException("The archive holds the data of another user; import it as this user explicitly (--as) if that is intended.");
        }

        var data = target == archive.WaId ? archive.Data : Reassign(archive.Data, archive.WaId, target);
        await CheckDatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (!request.AllowErased)
        {
            await CheckNotErasedAsync(archive, target, cancellationToken).ConfigureAwait(false);
        }

        var records = ExportDocument.Collections
            .SelectMany(collection => RecordsOf(data[collection.Property], collection.Single).Select(record => (collection.Container, Record: record)))
            .ToList();
        // Checked before anything is written: a refused import writes nothing.
        if (records.FirstOrDefault(entry => (string?)entry.Record["wa_id"] != target) is { Record: { } foreign } first)
        {
            throw new ImportRefusedException($"Record {first.Container}/{(string?)foreign["id"]} belongs to another user than the one imported.");
        }

        // Collection by collection, in the archive's order, so an import cut short never leaves a reading without its
        // profile; within a collection records are independent, and a few go at once (each is a round trip or two).
        var changes = new List<ImportChange>(records.Count);
        foreach (var collection in records.GroupBy(entry => entry.Container, StringComparer.Ordinal))
        {
            var batch = collection.ToList();
            var results = new ImportChange[batch.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = RecordsInFlight, CancellationToken = cancellationToken },
                async (index, ct) => results[index] = await ImportRecordAsync(batch[index].Container, target, batch[index].Record, request, ct).ConfigureAwait(false))
                .ConfigureAwait(false);
            changes.AddRange(results);
        }

        var auditRecords = (data["audit"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var (linked, heldElsewhere) = (0, 0);
        if (!request.DryRun)
        {
            await audit.ImportAsync(target, auditRecords, cancellationToken).ConfigureAwait(false);

            // Imported as someone else on purpose (--as): the archive's identifiers are not theirs to take.
            if (request.As is null)
            {
                (linked, heldElsewhere) = await linker.AdoptAsync(target, identifiers, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ImportReport(target, request.DryRun, changes, auditRecords.Count) { IdentifiersLinked = linked, IdentifiersHeldElsewhere = heldElsewhere };
    }

    /// <summary>
    /// Whose the archive is here: the person keyed by its <c>wa_id</c>, else the person the directory knows by one of
    /// its identifiers (by <see cref="Identifier.Precedence"/>), else its own key.
    /// </summary>
    private async Task<string> PersonOfAsync(ImportArchive archive, IReadOnlyList<IdentifierEntry> identifiers, CancellationToken cancellationToken)
    {
        if (await directory.GetPersonAsync(archive.WaId, cancellationToken).ConfigureAwait(false) is { IsActive: true })
        {
            return archive.WaId;
        }

        var candidates = identifiers.Select(entry => entry.Identifier).ToList();
        if (WaIdFormat.IsValid(archive.WaId))
        {
            candidates.Add(new Identifier(IdentifierKind.Phone, archive.WaId));
        }

        var owners = await claims.OwnersAsync(candidates, cancellationToken).ConfigureAwait(false);
        return owners.OrderBy(pair => pair.Key.Precedence).Select(pair => pair.Value.UserKey).FirstOrDefault() ?? archive.WaId;
    }

    private async Task CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        if (databaseChecked)
        {
            return;
        }

        if (await BotDatabaseCheck.ProblemAsync(cosmos, options.Value.DatabaseName, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw new ImportRefusedException(problem);
        }

        databaseChecked = true;
    }

    /// <summary>
    /// An archive made before its user (or the user it is imported as) was erased here would bring erased data back;
    /// one made after the erasure holds only what they shared since.
    /// </summary>
    private async Task CheckNotErasedAsync(ImportArchive archive, string target, CancellationToken cancellationToken)
    {
        foreach (var waId in new[] { archive.WaId, target }.Distinct(StringComparer.Ordinal))
        {
            if (await erasures.ErasedAtAsync(waId, cancellationToken).ConfigureAwait(false) is { } erasedAt && archive.GeneratedAt <= erasedAt)
            {
                throw new ImportRefusedException(
                    $"{waId} erased their data here on {erasedAt:yyyy-MM-dd HH:mm} UTC, after this archive was made ({archive.GeneratedAt:yyyy-MM-dd HH:mm} UTC): " +
                    "importing it would bring erased data back. Import it only if the user asked for exactly that (--allow-erased; allow_erased=true over HTTP).");
            }
        }
    }

    private async Task<ImportChange> ImportRecordAsync(string containerName, string waId, JsonObject record, ImportRequest request, CancellationToken cancellationToken)
    {
        var id = (string)record["id"]!;
        var container = cosmos.GetContainer(options.Value.DatabaseName, containerName);
        var partition = new PartitionKey(waId);
        var incoming = CanonicalItem.Parse(Encoding.UTF8.GetBytes(record.ToJsonString()));
        if (!request.DryRun)
        {
            // A migration's target is mostly empty: try to create first, and read only when the id is taken.
            using var body = new MemoryStream(incoming.Json, writable: false);
            using var created = await container.CreateItemStreamAsync(body, partition, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (created.IsSuccessStatusCode)
            {
                return new ImportChange(containerName, id, ImportAction.Create);
            }

            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                throw Failure("Writing", containerName, id, created);
            }
        }

        using var existing = await container.ReadItemStreamAsync(id, partition, cancellationToken: cancellationToken).ConfigureAwait(false);
        var action = existing.StatusCode switch
        {
            HttpStatusCode.NotFound => ImportAction.Create,
            HttpStatusCode.OK when SameContent(existing.Content, incoming) => ImportAction.Unchanged,
            HttpStatusCode.OK => request.OnConflict == ImportConflict.Overwrite ? ImportAction.Overwrite : ImportAction.SkipConflict,
            _ => throw Failure("Reading", containerName, id, existing),
        };
        if (!request.DryRun && action is ImportAction.Create or ImportAction.Overwrite)
        {
            using var body = new MemoryStream(incoming.Json, writable: false);
            using var written = await container.UpsertItemStreamAsync(body, partition, cancellationToken: cancellationToken).ConfigureAwait(false);
            written.EnsureSuccessStatusCode();
        }

        return new ImportChange(containerName, id, action);
    }

    private static CosmosException Failure(string doing, string containerName, string id, ResponseMessage response) =>
        new($"{doing} {containerName}/{id} failed with {(int)response.StatusCode}.", response.StatusCode, 0, response.Headers.ActivityId, response.Headers.RequestCharge);

    /// <summary>Equal as JSON values (40 and 40.0 are the same number), system properties aside.</summary>
    private static bool SameContent(Stream stored, CanonicalItem incoming)
    {
        using var buffer = new MemoryStream();
        stored.CopyTo(buffer);
        using var storedJson = System.Text.Json.JsonDocument.Parse(CanonicalItem.Parse(buffer.ToArray()).Json);
        using var incomingJson = System.Text.Json.JsonDocument.Parse(incoming.Json);
        return System.Text.Json.JsonElement.DeepEquals(storedJson.RootElement, incomingJson.RootElement);
    }

    private static IEnumerable<JsonObject> RecordsOf(JsonNode? node, bool single) =>
        single ? node is JsonObject one ? [one] : [] : (node as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>
    /// The archive's data as another user's: every record's <c>wa_id</c>, the ids that are the wa_id by convention
    /// (account, preferences), and self-references (a compatibility reading with one's own profile).
    /// </summary>
    private static JsonObject Reassign(JsonObject data, string from, string to)
    {
        var copy = data.DeepClone().AsObject();
        copy["wa_id"] = to;
        foreach (var (property, _, single) in ExportDocument.Collections)
        {
            foreach (var record in RecordsOf(copy[property], single))
            {
                record["wa_id"] = to;
                foreach (var field in new[] { "id", "partner_wa_id" })
                {
                    if ((string?)record[field] == from)
                    {
                        record[field] = to;
                    }
                }
            }
        }

        return copy;
    }
}
