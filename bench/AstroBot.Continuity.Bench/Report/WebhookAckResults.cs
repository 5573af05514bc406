using AstroBot.Continuity.Bench.Load;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The three measurements of one concurrency, side by side, and what the audit found.</summary>
/// <param name="LocalHost">The product: signed POSTs to the real local host, answered after the durable enqueue.</param>
/// <param name="BareOk">The same POSTs to an endpoint that only returns 200.</param>
/// <param name="BareEnqueue">The same queue writes from a loop, no HTTP.</param>
/// <param name="FoundInQueue">How many of the local host's acknowledged webhooks the inbox queue holds afterwards.</param>
internal sealed record ConcurrencyResult(int Concurrency, RoundResult LocalHost, RoundResult BareOk, RoundResult BareEnqueue, int FoundInQueue)
{
    public int Acknowledged => LocalHost.Succeeded;

    public bool AllAcknowledgedFound => FoundInQueue == Acknowledged;

    public bool MeetsTarget(WebhookAckTarget target) =>
        LocalHost.Throughput >= target.MinThroughput && LocalHost.Latency.P99Ms <= target.MaxP99Ms && AllAcknowledgedFound && LocalHost.Failed == 0;
}

/// <summary>The issue's target for the local host.</summary>
internal sealed record WebhookAckTarget(double MinThroughput, double MaxP99Ms)
{
    public static WebhookAckTarget Issue2 { get; } = new(1_500, 50);
}

/// <summary>One run of the webhook acknowledgement benchmark.</summary>
/// <param name="InboxMessages">Messages in the inbox queue at the end (warm-up included).</param>
/// <param name="AcknowledgedTotal">Webhooks the local host answered 200 (warm-up included).</param>
/// <param name="MissingTotal">Acknowledged webhooks not found in the inbox queue: must be 0.</param>
/// <param name="UnacknowledgedRecorded">Recorded but not acknowledged (e.g. a client timeout after the write): allowed, Meta retries and the inbox dedupes by wamid.</param>
internal sealed record WebhookAckRun(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    BenchSettings Settings,
    MachineInfo Machine,
    IReadOnlyList<ConcurrencyResult> Results,
    int InboxMessages,
    int AcknowledgedTotal,
    int MissingTotal,
    int UnacknowledgedRecorded);
