namespace AstroBot.Continuity.Bench.Cpu;

/// <summary>
/// Seconds the threads of each process spent runnable but waiting for a core over a measurement (from schedstat), summed
/// over their threads: more than the wall time when several threads waited at once. Null where it could not be read.
/// </summary>
internal sealed record WaitUse(double? Bench, double? Cosmos, double? Azurite)
{
    public static WaitUse operator +(WaitUse a, WaitUse b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Bench + b.Bench, a.Cosmos + b.Cosmos, a.Azurite + b.Azurite);
    }

    public static WaitUse Add(WaitUse a, WaitUse b) => a + b;
}

/// <summary>This process's garbage collections over a measurement: the seconds it was paused for them, how many, how many of generation 2.</summary>
internal sealed record GcUse(double PauseSeconds, int Collections, int Gen2)
{
    public static GcUse operator +(GcUse a, GcUse b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.PauseSeconds + b.PauseSeconds, a.Collections + b.Collections, a.Gen2 + b.Gen2);
    }

    public static GcUse Add(GcUse a, GcUse b) => a + b;
}

/// <summary>
/// The CPU-seconds used on the machine over one measurement (between two <see cref="CpuMeter"/> samples), split
/// between this process, the two emulators and the rest of the machine. Emulator and machine figures are null when
/// they could not be read.
/// </summary>
/// <param name="Wall">The time between the two samples.</param>
/// <param name="Cores">The machine's cores: its capacity is this many CPU-seconds per second of wall time.</param>
/// <param name="Bench">This process: the product under test and its clients (in the webhook rounds also the front door and the load generator).</param>
/// <param name="Jit">The part of <paramref name="Bench"/> spent by the runtime's tiered-compilation thread (background JIT while the process warms up), not by the work measured.</param>
/// <param name="MachineBusy">Every process and the kernel, and the time the hypervisor took from this machine (steal), from <c>/proc/stat</c>.</param>
/// <param name="MachineIdle">Idle (and waiting for I/O).</param>
/// <param name="Steal">The part of <paramref name="MachineBusy"/> the hypervisor took (the vCPUs wanted to run and could not).</param>
/// <param name="Gc">This process's garbage collections meanwhile (the collections the bench forces between measurements fall outside).</param>
/// <param name="Waits">How long the threads of this process and of each emulator waited for a core meanwhile.</param>
internal sealed record CpuUse(TimeSpan Wall, int Cores, double Bench, double Jit, double? Cosmos, double? Azurite, double? MachineBusy, double? MachineIdle, double? Steal, GcUse Gc, WaitUse Waits)
{
    /// <summary>This process and the emulators: the CPU-seconds this measurement's work cost on this machine.</summary>
    public double Ours => Bench + (Cosmos ?? 0) + (Azurite ?? 0);

    /// <summary>Everything else the machine did meanwhile: other people's builds and tests, the kernel, steal.</summary>
    public double? Rest => MachineBusy is { } busy ? Math.Max(0, busy - Ours) : null;

    /// <summary>Share of the machine's capacity in use (0 to 1), from <c>/proc/stat</c>.</summary>
    public double? Busy => MachineBusy is { } busy && MachineIdle is { } idle && busy + idle > 0 ? busy / (busy + idle) : null;

    /// <summary>CPU-seconds per second of wall time: how many cores a figure kept busy on average.</summary>
    public double PerSecond(double cpuSeconds) => Wall > TimeSpan.Zero ? cpuSeconds / Wall.TotalSeconds : double.NaN;

    /// <summary>Several measurements of the same kind added up (their wall times too).</summary>
    public static CpuUse Sum(IReadOnlyList<CpuUse> uses)
    {
        ArgumentNullException.ThrowIfNull(uses);
        return new CpuUse(
            uses.Aggregate(TimeSpan.Zero, (sum, use) => sum + use.Wall),
            uses.Count > 0 ? uses[0].Cores : Environment.ProcessorCount,
            uses.Sum(use => use.Bench),
            uses.Sum(use => use.Jit),
            SumOf(uses.Select(use => use.Cosmos)),
            SumOf(uses.Select(use => use.Azurite)),
            SumOf(uses.Select(use => use.MachineBusy)),
            SumOf(uses.Select(use => use.MachineIdle)),
            SumOf(uses.Select(use => use.Steal)),
            uses.Aggregate(new GcUse(0, 0, 0), (sum, use) => sum + use.Gc),
            uses.Aggregate(new WaitUse(0, 0, 0), (sum, use) => sum + use.Waits));

        static double? SumOf(IEnumerable<double?> values)
        {
            var list = values.ToList();
            return list.Count > 0 && list.All(value => value.HasValue) ? list.Sum() : null;
        }
    }

    /// <summary>The mean of two measurements of the same work (the bare limits measured before and after a product figure).</summary>
    public static CpuUse Mean(CpuUse a, CpuUse b)
    {
        var sum = Sum([a, b]);
        return new CpuUse(sum.Wall / 2, sum.Cores, sum.Bench / 2, sum.Jit / 2, sum.Cosmos / 2, sum.Azurite / 2, sum.MachineBusy / 2, sum.MachineIdle / 2, sum.Steal / 2, new GcUse(sum.Gc.PauseSeconds / 2, sum.Gc.Collections / 2, sum.Gc.Gen2 / 2), new WaitUse(sum.Waits.Bench / 2, sum.Waits.Cosmos / 2, sum.Waits.Azurite / 2));
    }
}
