using AstroBot.Continuity.Bench.Cpu;

namespace AstroBot.Continuity.Bench.Bare;

/// <summary>A bare loop's wall time over its items and bytes, and the CPU it used when it was given a meter.</summary>
internal sealed record BareLoopResult(TimeSpan Elapsed, long Operations, long Items, long Bytes, CpuUse? Cpu = null);
