using System.Diagnostics;
using System.Globalization;

namespace AstroBot.Continuity.Bench.Cpu;

/// <summary>An emulator's process (with its descendants) whose CPU time the meter reads, and how it was found.</summary>
/// <param name="Pids">The process and every descendant it had when the meter was made (a wrapper's child included).</param>
/// <param name="Source">How it was found, for the report.</param>
internal sealed record MeteredProcess(string Name, IReadOnlyList<int> Pids, string Source);

/// <summary>The machine's CPU time from <c>/proc/stat</c>, in clock ticks: busy (steal included), idle (iowait included).</summary>
internal readonly record struct MachineTicks(long Busy, long Idle, long Steal);

/// <summary>This process's garbage collections so far: the total time it was paused for them, and how many there were (all, and of generation 2).</summary>
internal readonly record struct GcCounts(TimeSpan Pause, int Collections, int Gen2);

/// <summary>CPU times read at one moment: this process (and its garbage collections), each emulator (null when it could not be read), the machine.</summary>
/// <param name="JitTicks">
/// This process's tiered-compilation thread(s) (<c>.NET Tiered Compilation Worker</c>), by thread id, in clock ticks:
/// methods recompiled in the background while the process warms up. The runtime ends that thread when it has nothing
/// to do and starts another later, so it is kept per thread.
/// </param>
/// <param name="Waits">
/// Per process (this one, the Cosmos DB emulator, Azurite) and thread id, the nanoseconds the thread has spent runnable
/// but waiting for a core (the second field of <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat</c>); empty where it cannot be read.
/// </param>
internal readonly record struct CpuSample(
    long Timestamp, TimeSpan Bench, IReadOnlyDictionary<int, long> JitTicks, GcCounts Gc, TimeSpan? Cosmos, TimeSpan? Azurite, MachineTicks? Machine, RunQueueWaits Waits);

/// <summary>Each thread's time waiting for a core so far, in nanoseconds, by thread id: this process's, the Cosmos DB emulator's, Azurite's.</summary>
internal sealed record RunQueueWaits(IReadOnlyDictionary<int, long> Bench, IReadOnlyDictionary<int, long> Cosmos, IReadOnlyDictionary<int, long> Azurite);

/// <summary>
/// Reads the CPU time of this process (<see cref="Process.TotalProcessorTime"/>), of the two emulators the bench talks
/// to (utime + stime of <c>/proc/&lt;pid&gt;/stat</c>, summed over the process and its descendants) and of the whole
/// machine (<c>/proc/stat</c>), so a measurement's CPU-seconds can be split between them. The emulators are found
/// through eng/emulators' pid files (<c>$CONTINUITY_DATA/run/{azurite,cosmos}.pid</c>), checked against the process
/// that holds their port: an emulator someone started by hand, or a pid file left behind, is found by its port
/// instead. Linux only; elsewhere only this process is read. A sample reads a handful of small files (well under a
/// millisecond) and is taken outside every clock.
/// </summary>
internal sealed class CpuMeter
{
    /// <summary>USER_HZ: the unit of <c>/proc/stat</c> and <c>/proc/&lt;pid&gt;/stat</c> times, 100 on Linux whatever the kernel's HZ.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The ports the bench talks to: <c>Cosmos:Endpoint</c> https://127.0.0.1:8081 and <c>UseDevelopmentStorage=true</c>.</summary>
    public const int CosmosPort = 8081;

    public const int AzuritePort = 10000;

    private readonly Process self = Process.GetCurrentProcess();

    private CpuMeter(MeteredProcess? cosmos, MeteredProcess? azurite, bool machine, string? dataDirectory)
    {
        Cosmos = cosmos;
        Azurite = azurite;
        HasMachine = machine;
        DataDirectory = dataDirectory;
    }

    public MeteredProcess? Cosmos { get; }

    public MeteredProcess? Azurite { get; }

    /// <summary>Whether <c>/proc/stat</c> could be read (the machine-wide figures).</summary>
    public bool HasMachine { get; }

    public string? DataDirectory { get; }

    public int Cores { get; } = Environment.ProcessorCount;

    /// <param name="dataDirectory">eng/emulators' data folder (<c>CONTINUITY_DATA</c>, by default the repository's <c>.local</c>).</param>
    public static CpuMeter Discover(string dataDirectory)
    {
        if (!File.Exists("/proc/stat"))
        {
            return new CpuMeter(null, null, machine: false, dataDirectory);
        }

        var parents = ParentsOfAll();
        return new CpuMeter(
            Find("Cosmos DB emulator", Path.Combine(dataDirectory, "run", "cosmos.pid"), CosmosPort, parents),
            Find("Azurite", Path.Combine(dataDirectory, "run", "azurite.pid"), AzuritePort, parents),
            ReadMachine() is not null,
            dataDirectory);
    }

    public CpuSample Sample()
    {
        self.Refresh();
        return new CpuSample(
            Stopwatch.GetTimestamp(),
            self.TotalProcessorTime,
            TieredCompilationTicks(),
            new GcCounts(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2)),
            Cosmos is null ? null : ReadTree(Cosmos.Pids),
            Azurite is null ? null : ReadTree(Azurite.Pids),
            HasMachine ? ReadMachine() : null,
            new RunQueueWaits(
                ThreadWaits([Environment.ProcessId]),
                Cosmos is null ? new Dictionary<int, long>() : ThreadWaits(Cosmos.Pids),
                Azurite is null ? new Dictionary<int, long>() : ThreadWaits(Azurite.Pids)));
    }

    /// <summary>What was used between two samples.</summary>
    public CpuUse Between(CpuSample from, CpuSample to)
    {
        var wall = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp);
        double? machineBusy = null, machineIdle = null, steal = null;
        if (from.Machine is { } a && to.Machine is { } b)
        {
            machineBusy = (b.Busy - a.Busy) / TicksPerSecond;
            machineIdle = (b.Idle - a.Idle) / TicksPerSecond;
            steal = (b.Steal - a.Steal) / TicksPerSecond;
        }

        return new CpuUse(
            wall,
            Cores,
            (to.Bench - from.Bench).TotalSeconds,
            // A JIT thread that ended between the samples loses its last ticks: this is at least the JIT's CPU.
            to.JitTicks.Sum(thread => thread.Value - from.JitTicks.GetValueOrDefault(thread.Key)) / TicksPerSecond,
            Difference(from.Cosmos, to.Cosmos),
            Difference(from.Azurite, to.Azurite),
            machineBusy,
            machineIdle,
            steal,
            new GcUse((to.Gc.Pause - from.Gc.Pause).TotalSeconds, to.Gc.Collections - from.Gc.Collections, to.Gc.Gen2 - from.Gc.Gen2),
            new WaitUse(Waited(from.Waits.Bench, to.Waits.Bench), Waited(from.Waits.Cosmos, to.Waits.Cosmos), Waited(from.Waits.Azurite, to.Waits.Azurite)));

        static double? Difference(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? (y - x).TotalSeconds : null;

        // Per thread, so a thread that ended (or began) between the samples does not subtract; one that ended loses its last wait.
        static double? Waited(IReadOnlyDictionary<int, long> a, IReadOnlyDictionary<int, long> b) =>
            b.Count == 0 ? null : b.Sum(thread => Math.Max(0, thread.Value - a.GetValueOrDefault(thread.Key))) / 1e9;
    }

    /// <summary>Runs <paramref name="action"/> between two samples.</summary>
    public async Task<(T Result, CpuUse Cpu)> MeasureAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Sample();
        var result = await action().ConfigureAwait(false);
        var after = Sample();
        return (result, Between(before, after));
    }

    private static MeteredProcess? Find(string name, string pidFile, int port, IReadOnlyDictionary<int, int> parents)
    {
        int? filePid = File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var read) ? read : null;
        var owner = PortOwner(port);
        if (filePid is { } pid && ReadTicks(pid) is not null)
        {
            var tree = Tree(pid, parents);
            if (owner is null || tree.Contains(owner.Value))
            {
                var holds = owner is not { } o ? F($"; no process was seen holding port {port}") : o == pid ? F($", holding port {port}") : F($"; pid {o} holds port {port}");
                return new MeteredProcess(name, tree, F($"pid {pid} from eng/emulators' pid file{Descendants(tree)}{holds}"));
            }
        }

        if (owner is { } holder)
        {
            var tree = Tree(holder, parents);
            var why = filePid is null ? "no eng/emulators pid file" : F($"eng/emulators' pid file names pid {filePid}, which is not it");
            return new MeteredProcess(name, tree, F($"pid {holder}, holding port {port}{Descendants(tree)}: {why}"));
        }

        return null;

        static string Descendants(IReadOnlyList<int> tree) =>
            tree.Count > 1 ? F($" and its {(tree.Count > 2 ? "descendants" : "descendant")} {string.Join(", ", tree.Skip(1))}") : string.Empty;
    }

    /// <summary>The process and every descendant of it, the process first.</summary>
    private static List<int> Tree(int root, IReadOnlyDictionary<int, int> parents)
    {
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(entry => entry.Value == tree[i]).Select(entry => entry.Key).Order());
        }

        return tree;
    }

    /// <summary>Every process's parent, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    private static Dictionary<int, int> ParentsOfAll()
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in Pids())
        {
            if (StatFields(pid) is { } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                parents[pid] = parent;
            }
        }

        return parents;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(pid => pid > 0);

    /// <summary>The process holding a listening TCP socket on <paramref name="port"/> (IPv4 or IPv6), if one can be seen.</summary>
    private static int? PortOwner(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var pid in Pids())
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A process that ended, or one this user may not look into.
            }
        }

        return null;
    }

    private static TimeSpan? ReadTree(IReadOnlyList<int> pids)
    {
        long total = 0;
        var any = false;
        foreach (var pid in pids)
        {
            if (ReadTicks(pid) is { } ticks)
            {
                total += ticks;
                any = true;
            }
            else if (pid == pids[0])
            {
                return null; // The emulator itself is gone: this sample says nothing about it.
            }
        }

        return any ? TimeSpan.FromSeconds(total / TicksPerSecond) : null;
    }

    /// <summary>Every thread of the processes and its time waiting for a core so far, in nanoseconds (none where schedstat cannot be read).</summary>
    private static Dictionary<int, long> ThreadWaits(IReadOnlyList<int> pids)
    {
        var waits = new Dictionary<int, long>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    try
                    {
                        // schedstat: time on a core (ns), time runnable and waiting for one (ns), timeslices.
                        var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (fields.Length > 1
                            && int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var wait))
                        {
                            waits[tid] = wait;
                        }
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                    {
                        // A thread that ended meanwhile.
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A process that ended, or no schedstat on this kernel.
            }
        }

        return waits;
    }

    /// <summary>utime + stime of each of this process's tiered-compilation threads, in clock ticks (none off Linux).</summary>
    private static Dictionary<int, long> TieredCompilationTicks()
    {
        var threads = new Dictionary<int, long>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var text = File.ReadAllText(Path.Combine(task, "stat"));
                    var (open, close) = (text.IndexOf('(', StringComparison.Ordinal), text.LastIndexOf(')'));
                    if (open < 0 || close < open || !text.AsSpan(open + 1, close - open - 1).StartsWith(".NET Tiered", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 12
                        && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
                        && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
                    {
                        threads[int.Parse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture)] = user + system;
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // A thread that ended meanwhile.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return threads;
        }

        return threads;
    }

    /// <summary>utime + stime of one process, in clock ticks.</summary>
    private static long? ReadTicks(int pid) =>
        StatFields(pid) is { } fields
        && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
        && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? user + system
            : null;

    /// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var end = text.LastIndexOf(')');
            var fields = end < 0 ? [] : text[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 12 ? fields : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>cpu user nice system idle iowait irq softirq steal (guest time is inside user already).</summary>
    private static MachineTicks? ReadMachine()
    {
        var line = ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0)
            .Concat(Enumerable.Repeat(0L, 8))
            .ToArray();
        return new MachineTicks(Busy: v[0] + v[1] + v[2] + v[5] + v[6] + v[7], Idle: v[3] + v[4], Steal: v[7]);
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
