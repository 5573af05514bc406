namespace AstroBot.Continuity.Bench.Report;

/// <summary>The target for identity continuity (issue 9, performance).</summary>
internal static class IdentityTargets
{
    /// <summary>
    /// Acknowledging a BSUID-only webhook costs at most this many times a phone-number webhook: its p50 and p99 at most
    /// this many times theirs, its time per message (the inverse of throughput) likewise.
    /// </summary>
    public const double BsuidOnlyOverPhoneMax = 1.05;
}
