using System.Globalization;
using System.Text;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Portability;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>Renders the "Data portability" section of docs/benchmarks.md from one run of the portability benchmark.</summary>
internal static class PortabilitySection
{
    public const string Key = "portability";

    public static string Render(PortabilityBenchRun run)
    {
        var s = run.Settings;
        var m = run.Machine;
        var l = run.Link;
        var t = run.Tenant;
        var users = t.Seed.Users;
        var linkUser = l.User.Seeded;
        var p99Ratio = l.Linked.P99Ms / l.Bare.P99Ms;
        var p50Ratio = l.Linked.P50Ms / l.Bare.P50Ms;
        var linkMet = l.Linked.P99Ms <= PortabilityTargets.LinkP99Max.TotalMilliseconds;
        var importRate = users / t.Import.Elapsed.TotalSeconds;
        var insertRate = users / t.BareInsertElapsed.TotalSeconds;
        var importRatio = t.Import.Elapsed / t.BareInsertElapsed;
        var importAtIssueScale = TimeSpan.FromSeconds(PortabilityTargets.ImportUsers / importRate);
        var insertAtIssueScale = TimeSpan.FromSeconds(PortabilityTargets.ImportUsers / insertRate);
        var importMet = importAtIssueScale <= PortabilityTargets.ImportMax;
        var exportRate = users / t.Export.Elapsed.TotalSeconds;
        var bareExportRate = users / t.BareExport.Elapsed.TotalSeconds;
        var exportRatio = t.Export.Elapsed / t.BareExport.Elapsed;
        var itemsPerUser = (double)t.Seed.TotalItems / users;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"## Data portability (issue \"Data portability\", performance)");
        Line($"");
        Line($"Reproduce: `bench/run portability` ({PortabilityBenchSettings.DefaultUsers:N0} users by default, about 10-15 minutes on this machine, most of it the emulator writing: the seeds, the import and the two bare inserts; `--users N` for another scale). `bench/run portability --quick` smoke-tests the harness in under a minute; its figures are not meant to be read. `bench/run all` runs every benchmark, one after the other. Like the others it starts the emulators only if they are down and stops only what it started.");
        Line($"");
        if (s.Quick)
        {
            Line($"> **This section was written by `bench/run portability --quick`: a tiny data set and a handful of samples, the figures below are a smoke test, not a measurement.**");
            Line($"");
        }

        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, `--users {users}`{(s.Quick ? " --quick" : string.Empty)}, {run.Duration.TotalMinutes:F1} min in all.");
        Line($"- Machine: {m.Cores} cores, {m.Memory}, {m.OperatingSystem}.");
        Line($"- .NET: {m.Runtime}, SDK {m.Sdk}, Release build, {m.GcMode} GC. Azurite as it names itself: `{m.Azurite}`; Cosmos DB emulator: `{run.CosmosServer}`. Both are Node.js processes on the same {m.Cores} cores as the benchmark, and the machine is shared: other people's builds and tests use the same cores and emulators meanwhile, which is why every figure stands next to a bare limit measured beside it.");
        var readingsNote = l.User.Readings == PortabilityBenchSettings.FiveYearsOfDailyReadings
            ? "five years of one a day"
            : F($"the full run uses {PortabilityBenchSettings.FiveYearsOfDailyReadings:N0}, five years of one a day");
        var others = linkUser.TotalItems - linkUser.ItemsPerContainer.GetValueOrDefault(BotDataModel.Readings.Name) - linkUser.ItemsPerContainer.GetValueOrDefault(BotDataModel.Messages.Name);
        Line($"- **Export through WhatsApp: one user with {l.User.Readings:N0} readings** ({readingsNote}; `continuity seed` data, `SeedWriter`, seed {s.Seed}, with the conversations the seed makes around them): {linkUser.TotalItems:N0} items in all ({Count(linkUser, BotDataModel.Readings.Name)} readings, {Count(linkUser, BotDataModel.Messages.Name)} messages and {others:N0} others: account, preferences, profiles, subscriptions), alone in the local host's database; each archive was about {l.ArchiveBytes:N0} bytes. {l.Samples.Count} timed exports after {s.LinkWarmUps} untimed; with fewer than 100 samples the nearest-rank p99 is the slowest sample.");
        Line($"- **Whole tenant: {users:N0} users, {t.Seed.TotalItems:N0} items, {Mb(t.BareRead.Data.FeedJsonBytes)} MB of raw JSON** (`continuity seed` data, {s.ReadingsPerUser} readings per user, seed {s.Seed}: {itemsPerUser:F1} items per user); the archives `export --all` wrote came to {Mb(t.ArchiveBytes)} MB. `export --all` and `import --all` work on {t.UsersInFlight} users at once (`TenantParallelism.UsersInFlight` in the CLI).");
        Line($"- Targets (issue): an export of one user with five years of daily readings within {PortabilityTargets.LinkP99Max.TotalSeconds:N0} s at p99, from the request to the link being sent, on the local emulators; importing {PortabilityTargets.ImportUsers:N0} users within {PortabilityTargets.ImportMax.TotalMinutes:N0} minutes on this machine ({PortabilityTargets.ImportUsersPerSecondMin:F0} users/s).");
        Line($"");

        Line($"### Results");
        Line($"");
        Line($"Ratios are product ÷ bare limit of the same work (for latencies, of the percentiles; for throughput, of wall times): 1.00 is as fast as the bare limit, 2.00 twice as long.");
        Line($"");
        Line($"| figure | product | bare limit | ratio | target | met |");
        Line($"|---|---:|---:|---:|---:|:---:|");
        Line($"| Export through WhatsApp, request to link, p50 | {Ms(l.Linked.P50Ms)} ms | read the user's items + upload a blob of the archive's size: {Ms(l.Bare.P50Ms)} ms | {p50Ratio:F2} | none set | – |");
        Line($"| Export through WhatsApp, request to link, **p99** | **{Ms(l.Linked.P99Ms)} ms** | {Ms(l.Bare.P99Ms)} ms | **{p99Ratio:F2}** | ≤ {PortabilityTargets.LinkP99Max.TotalMilliseconds:N0} ms | {YesNo(linkMet)} |");
        Line($"| Whole-tenant import (`import --all`, empty database) | **{importRate:F1} users/s** ({Sec(t.Import.Elapsed)} s) | bare insert of the same items (mean of before and after): {insertRate:F1} users/s ({Sec(t.BareInsertElapsed)} s) | **{importRatio:F2}** | {PortabilityTargets.ImportUsers:N0} users in ≤ {PortabilityTargets.ImportMax.TotalMinutes:N0} min: at this rate {Duration(importAtIssueScale)} | {YesNo(importMet)} |");
        Line($"| Whole-tenant export (`export --all`) | **{exportRate:F1} users/s** ({Sec(t.Export.Elapsed)} s) | the same reads and file writes bare: {bareExportRate:F1} users/s ({Sec(t.BareExport.Elapsed)} s) | **{exportRatio:F2}** | none set | – |");
        Line($"");

        Line($"### Export through WhatsApp: where the time goes");
        Line($"");
        Line($"Each sample: the user sends EXPORT, the host asks to confirm, and the clock starts when the user's YES is sent; it stops when the document message with the link reaches the Graph API sink. In between, each step as seen from outside the host (milliseconds from the YES):");
        Line($"");
        Line($"| from the YES to | p50 | p99 | max |");
        Line($"|---|---:|---:|---:|");
        Line($"| the YES acknowledged (front door: 200 once the webhook is in the inbox queue) | {Ms(l.Acknowledged.P50Ms)} | {Ms(l.Acknowledged.P99Ms)} | {Ms(l.Acknowledged.MaxMs)} |");
        Line($"| \"being prepared\" at the sink (the inbox pump took the YES, recorded the export, queued the request) | {Ms(l.Started.P50Ms)} | {Ms(l.Started.P99Ms)} | {Ms(l.Started.MaxMs)} |");
        Line($"| the export orchestration created (the export request pump took the request) | {Ms(l.Scheduled.P50Ms)} | {Ms(l.Scheduled.P99Ms)} | {Ms(l.Scheduled.MaxMs)} |");
        Line($"| **the link sent** (the document message at the sink) | **{Ms(l.Linked.P50Ms)}** | **{Ms(l.Linked.P99Ms)}** | {Ms(l.Linked.MaxMs)} |");
        Line($"| (from the orchestration's creation to the link: the export's own work, without the queues) | {Ms(l.Orchestration.P50Ms)} | {Ms(l.Orchestration.P99Ms)} | {Ms(l.Orchestration.MaxMs)} |");
        Line($"| bare limit: the user's items read, a blob of the archive's size uploaded | {Ms(l.Bare.P50Ms)} | {Ms(l.Bare.P99Ms)} | {Ms(l.Bare.MaxMs)} |");
        Line($"");
        Line($"Every timed sample in the order it ran, request to link (ms): {string.Join(", ", l.Samples.Select(sample => Ms(sample.Linked.TotalMilliseconds)))}; its bare limit: {string.Join(", ", l.BareSamples.Select(bare => Ms(bare.TotalMilliseconds)))}.");
        Line($"");

        var queued = MedianGap(l.Samples, sample => sample.Started, sample => sample.Scheduled);
        var built = l.Orchestration.P50Ms;
        Line($"Median gaps between the steps: YES to \"being prepared\" {Ms(l.Started.P50Ms)} ms, from there to the orchestration's creation {Ms(queued)} ms, from there to the link {Ms(built)} ms. The first two are mostly waiting: the local host's queue pumps (inbox, export requests) poll their queues and, while a queue stays empty, wait twice as long before each poll, up to `FrontDoor:MaxPollInterval` ({Ms(PollCeilingMs)} ms by default). The user answers {s.ThinkTimeMin.TotalSeconds:F1}-{s.ThinkTimeMax.TotalSeconds:F1} s after the question (at random, as a person would), so both pumps are at that ceiling when the YES and then the request land, as on a host where nobody else is writing, and each waits anything up to {Ms(PollCeilingMs)} ms for its next poll. In Azure the Functions queue trigger backs off the same way, up to its `maxPollingInterval` (`host.json` sets 2 s; its default is 1 minute).");
        Line($"");

        Line($"### Whole-tenant export and import");
        Line($"");
        Line($"Every measurement in the order it ran (users/s is the {users:N0} users over the wall time; items/s the {t.Seed.TotalItems:N0} items):");
        Line($"");
        Line($"| measurement | wall time (s) | users/s | items/s | {PortabilityTargets.ImportUsers:N0} users at this rate | what it moved |");
        Line($"|---|---:|---:|---:|---:|---|");
        Line($"| seed (`SeedWriter`, 64 upserts in flight) | {Sec(t.Seed.Elapsed)} | {Rate(users, t.Seed.Elapsed)} | {Rate(t.Seed.TotalItems, t.Seed.Elapsed)} | {Duration(AtIssueScale(users, t.Seed.Elapsed))} | {t.Seed.TotalItems:N0} upserts |");
        Line($"| **export --all** (`TenantExporter`) | {Sec(t.Export.Elapsed)} | {Rate(users, t.Export.Elapsed)} | {Rate(t.Export.Result.TotalItems, t.Export.Elapsed)} | {Duration(AtIssueScale(users, t.Export.Elapsed))} | {t.Export.Result.Users:N0} archives, {t.ArchiveBytes:N0} bytes, {t.Export.Result.Users:N0} audit records written |");
        Line($"| bare export | {Sec(t.BareExport.Elapsed)} | {Rate(users, t.BareExport.Elapsed)} | {Rate(t.Seed.TotalItems, t.BareExport.Elapsed)} | {Duration(AtIssueScale(users, t.BareExport.Elapsed))} | {t.BareExport.Operations:N0} users' items read, {t.BareExport.Operations:N0} files of the archives' sizes written |");
        Line($"| bare insert (fresh database) | {Sec(t.BareInsert.Elapsed)} | {Rate(users, t.BareInsert.Elapsed)} | {Rate(t.BareInsert.Items, t.BareInsert.Elapsed)} | {Duration(AtIssueScale(users, t.BareInsert.Elapsed))} | {t.BareInsert.Items:N0} upserts, {BareInsert.Concurrency} in flight |");
        Line($"| **import --all** (`TenantImporter`, empty database) | {Sec(t.Import.Elapsed)} | {Rate(users, t.Import.Elapsed)} | {Rate(t.Import.Result.Total.Created, t.Import.Elapsed)} | {Duration(AtIssueScale(users, t.Import.Elapsed))} | {t.Import.Result.Imported:N0} archives checked and imported, {t.Import.Result.Total.Created:N0} items created |");
        Line($"| bare insert again (another fresh database) | {Sec(t.BareInsertAfter.Elapsed)} | {Rate(users, t.BareInsertAfter.Elapsed)} | {Rate(t.BareInsertAfter.Items, t.BareInsertAfter.Elapsed)} | {Duration(AtIssueScale(users, t.BareInsertAfter.Elapsed))} | the same upserts; the bare insert limit is the mean of the two, {Sec(t.BareInsertElapsed)} s |");
        Line($"");
        Line($"The {PortabilityTargets.ImportUsers:N0}-user column is a straight line from this run's rate: {PortabilityTargets.ImportUsers:N0} users of this seed would be about {itemsPerUser * PortabilityTargets.ImportUsers / 1e6:F1} million items. Nothing of either command holds more than {t.UsersInFlight} users' data (and one page of account ids) at a time, so memory does not grow with the tenant. The emulator's rates would not hold, though, and for the export by far not: cosmosdb-server 1.0.1 answers every query, single-partition ones included, by evaluating it over every item of the container (`lib/account/items.js`, `query`), so each user's export costs in proportion to the whole tenant and a whole-tenant export grows with the square of its size (Cosmos DB itself serves a single-partition query from its index). Its point writes and reads go through an index, so the import's and the bare insert's straight lines are closer.");
        Line($"");

        Line($"### Verdict");
        Line($"");
        Line($"- {(linkMet ? F($"**Request to link: target met**: p99 {Ms(l.Linked.P99Ms)} ms over {l.Samples.Count} samples (p50 {Ms(l.Linked.P50Ms)} ms), at most {PortabilityTargets.LinkP99Max.TotalMilliseconds:N0} ms asked.") : F($"**Request to link: target not met**: p99 {Ms(l.Linked.P99Ms)} ms over {l.Samples.Count} samples (p50 {Ms(l.Linked.P50Ms)} ms), at most {PortabilityTargets.LinkP99Max.TotalMilliseconds:N0} ms asked."))} Its bare limit (read the user's items, store a blob of the archive's size) took {Ms(l.Bare.P50Ms)} ms at p50 and {Ms(l.Bare.P99Ms)} ms at p99: the product took {p50Ratio:F2}× and {p99Ratio:F2}× that. Of the median {Ms(l.Linked.P50Ms)} ms, {Ms(l.Started.P50Ms)} ms went by before the inbox pump had taken the YES (and answered it) and {Ms(queued)} ms more before the export request pump had taken the request, each pump polling an idle queue at most every {Ms(PollCeilingMs)} ms (see above, up to {Ms(2 * PollCeilingMs)} ms of waiting together); the orchestration itself (audit, read, archive, upload, sign, send) took {Ms(built)} ms{(l.Started.P50Ms + queued > built ? ", less than the waiting before it" : string.Empty)}. The orchestration's own part had a p99 of {Ms(l.Orchestration.P99Ms)} ms{(l.Orchestration.P99Ms <= PortabilityTargets.LinkP99Max.TotalMilliseconds ? ", within the target on its own" : ", over the target even on its own")}.");
        Line($"- {(importMet ? F($"**Import of {PortabilityTargets.ImportUsers:N0} users: target met** on this run's rate: {importRate:F1} users/s, {Duration(importAtIssueScale)} for {PortabilityTargets.ImportUsers:N0} users, at most {PortabilityTargets.ImportMax.TotalMinutes:N0} min asked.") : F($"**Import of {PortabilityTargets.ImportUsers:N0} users: target not met**: {importRate:F1} users/s, so {Duration(importAtIssueScale)} for {PortabilityTargets.ImportUsers:N0} users against the {PortabilityTargets.ImportMax.TotalMinutes:N0} minutes asked ({PortabilityTargets.ImportUsersPerSecondMin:F0} users/s)."))} {(insertAtIssueScale > PortabilityTargets.ImportMax ? F($"No importer can meet it on this machine: the bare insert of the same items, {BareInsert.Concurrency} upserts in flight and nothing else, managed {insertRate:F1} users/s ({Rate(t.BareInsert.Items, t.BareInsertElapsed)} items/s), {Duration(insertAtIssueScale)} for {PortabilityTargets.ImportUsers:N0} users: the emulator is the floor, and the target needs a real account (or a faster emulator).") : F($"The bare insert of the same items managed {insertRate:F1} users/s, {Duration(insertAtIssueScale)} for {PortabilityTargets.ImportUsers:N0} users, so the emulator itself would allow it."))} The import took {importRatio:F2}× the bare insert{(importRatio <= 1.1 ? ": the emulator's writes limit both, and what the import does on top of them kept up" : string.Empty)}: besides the same writes it reads and checks each archive whole before anything of it is written (hashes, zip limits, the export schema), consults the erasure journal, and, for a record whose id is already taken, reads the stored one and compares it (what makes a second import change nothing and `--on-conflict` possible).");
        Line($"- Export of every user: {exportRate:F1} users/s, {exportRatio:F2}× its bare limit (the same single-partition queries and file writes, {t.UsersInFlight} users at once); no target was set. What it adds: the audit trail read and one audit record written per user, the archive built (data.json, a CSV per collection, index.html, the manifest with hashes, zipped), and each file written beside its name, flushed to disk and renamed. Both are bound by the emulator's queries, which scan the whole container (see above).");
        Line($"- Measured at {users:N0} users, not {PortabilityTargets.ImportUsers:N0}: the seed alone ran at {Rate(t.Seed.TotalItems, t.Seed.Elapsed)} items/s here, {Duration(AtIssueScale(users, t.Seed.Elapsed))} for {PortabilityTargets.ImportUsers:N0} users.");
        Line($"");

        Line($"### What each row measures");
        Line($"");
        Line($"- **Export through WhatsApp**: the real local host (`ContinuityLocalHost`, `continuity serve`, Kestrel on loopback, its own queues, tables, containers and database; inbox pump, bot stand-in, export request pump and Durable Task engine running; not the local scheduler, so no scheduled job or catch-up backup runs beside the exports) receives signed webhooks as Meta sends them: EXPORT, then after the host's question YES. Then, inside the host: the front door records the YES in the inbox queue and answers 200; the inbox pump takes it, the confirmation gate records the export and puts the request on the export request queue (the run's own) and replies \"being prepared\"; the export request pump takes the request and schedules the export orchestration on the in-process Durable Task engine; its build activity records the request in the audit trail, reads the user's items (a single-partition query per container) and audit trail, builds the archive and uploads it to the exports container; its deliver activity signs a link, audits it and sends the document message (then the expiry text) to the Graph API sink, a local stand-in for Meta. The sink is polled every few milliseconds for the document. The user answers YES {s.ThinkTimeMin.TotalSeconds:F1}-{s.ThinkTimeMax.TotalSeconds:F1} s after the question, at random. The export cooldown (24 h) would answer a second EXPORT with the first link: between samples, outside the clock, the bench removes the user's export rows and the finished orchestration (what the cooldown looks at) and the archive, so every sample is a first export of the day and does all of the work; the user's audit trail keeps growing by two records per sample.");
        Line($"- **Its bare limit**: right after each sample, the same user's items read with the export's queries (one single-partition query per container, pages of 500, each page drained into memory, nothing parsed) and a blob of the archive's size (random bytes) uploaded, through the host's own Cosmos DB and blob clients.");
        Line($"- **export --all**: `TenantExporter` as `continuity export --all --out DIR` runs it (wired as the CLI wires it): the account feed read a page of 100 ids at a time, {t.UsersInFlight} users at once, each user's items and audit trail read, the archive built, an operator export recorded in their audit trail, the file written beside its name, flushed and renamed. **Bare export**: the same users (ids known up front), {t.UsersInFlight} at once, each user's items read as above and a file of their archive's size written, nothing else.");
        Line($"- **import --all**: `TenantImporter` as `continuity import --all DIR` runs it, into an empty database of its own (created before the clock, as an import needs): {t.UsersInFlight} archives at once (one at a time per user), each read and checked completely, the erasure journal consulted, then every record created (`UserImporter`; where its id is taken, the stored item read and compared instead); the archives' audit trails (empty here: an archive holds the trail from before its own export) imported. **Bare insert**: the same items (the canonical JSON the import writes) upserted into a fresh database through the bot's shared `CosmosClient`, one container after the other, {BareInsert.Concurrency} point upserts in flight, bodies and partition keys ready before the clock started (`Bare/BareInsert.cs`, as in the backup benchmark). It ran before and after the import; the limit is the mean of the two.");
        Line($"- The measurements ran in this order: the exports through WhatsApp (each followed by its bare limit), the seed, export --all, the bare export, the bare insert, import --all, the bare insert again. A full GC ran before each.");
        return md.ToString();
    }

    private static double MedianGap(IReadOnlyList<WhatsAppExportSample> samples, Func<WhatsAppExportSample, TimeSpan> from, Func<WhatsAppExportSample, TimeSpan> to) =>
        LatencySummary.FromDurations(samples.Select(sample => to(sample) - from(sample))).P50Ms;

    private static string Count(SeedResult seed, string container) =>
        seed.ItemsPerContainer.TryGetValue(container, out var count) ? count.ToString("N0", CultureInfo.InvariantCulture) : "0";

    private static TimeSpan AtIssueScale(int users, TimeSpan elapsed) => elapsed * ((double)PortabilityTargets.ImportUsers / users);

    private static string Duration(TimeSpan duration) => duration.TotalMinutes < 90
        ? F($"{duration.TotalMinutes:F0} min")
        : F($"{duration.TotalHours:F1} h");

    private static string Rate(long count, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? (count / elapsed.TotalSeconds).ToString(count / elapsed.TotalSeconds < 100 ? "F1" : "N0", CultureInfo.InvariantCulture) : "n/a";

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static string Sec(TimeSpan elapsed) => elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    /// <summary>The local host's default ceiling for polling an idle queue, which the timed samples ran with.</summary>
    private static double PollCeilingMs => new FrontDoorOptions().MaxPollInterval.TotalMilliseconds;

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "F2" : "F0", CultureInfo.InvariantCulture);

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
