namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// One import at a time per user during <c>import --all</c>. Users' records never overlap (every record is checked to
/// be its archive's user's), so different users import side by side; two archives of the same user (a copy next to
/// the original) do not: they would race on the same records, so what each reports (created, unchanged, skipped)
/// would depend on timing instead of on one finishing before the other starts, as when archives went one at a time.
/// Holds an entry only while someone holds or waits for that user's turn, so it never grows with the tenant.
/// </summary>
internal sealed class TenantImportTurns
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Waits until no other import of <paramref name="waId"/> runs; disposing the turn lets the next one in.</summary>
    public async Task<IDisposable> WaitAsync(string waId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(waId, out entry!))
            {
                entry = new Entry();
                entries.Add(waId, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(waId, entry, held: false);
            throw;
        }

        return new Turn(this, waId, entry);
    }

    private void Leave(string waId, Entry entry, bool held)
    {
        lock (gate)
        {
            if (held)
            {
                entry.Turn.Release();
            }

            if (--entry.Users == 0)
            {
                entries.Remove(waId);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Imports holding or waiting for this user's turn.</summary>
        public int Users { get; set; }
    }

    private sealed class Turn(TenantImportTurns turns, string waId, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                turns.Leave(waId, entry, held: true);
            }
        }
    }
}
