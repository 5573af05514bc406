namespace AstroBot.Continuity.Bench.Bare;

/// <summary>A bare loop's wall time over its items and bytes.</summary>
internal sealed record BareLoopResult(TimeSpan Elapsed, long Operations, long Items, long Bytes);
