using AstroBot.Continuity.Bench.Scenarios;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>Storage requests per message of one kind of inbox work, by what they went to.</summary>
/// <param name="Work">What was processed, e.g. "known phone-number users, with the directory".</param>
internal sealed record StorageCalls(string Work, int Messages, double Directory, double Ledger, double Confirmations, double BotQueue)
{
    public double Total => Directory + Ledger + Confirmations + BotQueue;
}

/// <summary>
/// An untimed pass that counts what one message costs in storage requests (<see cref="StorageCallCounter"/>): a few
/// recorded webhooks processed one at a time, the requests to the run's directory table, ledger table, confirmation
/// table and bot queues divided by their number. The counts explain the timed rounds, which are measured without it.
/// </summary>
internal static class StorageCallsPass
{
    public static async Task<StorageCalls> CountAsync(
        string work, BenchNames names, IReadOnlyList<RecordedWebhooks.Recorded> webhooks, Func<string, CancellationToken, Task> process, CancellationToken ct)
    {
        using var counter = new StorageCallCounter();
        foreach (var webhook in webhooks)
        {
            await process(webhook.QueueText, ct).ConfigureAwait(false);
        }

        double PerMessage(params string[] resources) => resources.Sum(resource => counter[resource]) / (double)webhooks.Count;
        return new StorageCalls(
            work,
            webhooks.Count,
            PerMessage(names.IdentityTable),
            PerMessage(names.LedgerTable),
            PerMessage(names.ConfirmationTable),
            PerMessage(names.BotQueue, names.BareQueue));
    }
}
