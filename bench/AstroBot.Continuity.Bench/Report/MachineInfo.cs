using System.Globalization;
using System.Runtime.InteropServices;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>What the figures were measured on; they mean nothing without it.</summary>
internal sealed record MachineInfo(int Cores, string Memory, string OperatingSystem, string Runtime, string Sdk, string Azurite, string GcMode)
{
    public static async Task<MachineInfo> CollectAsync(string sdkVersion, CancellationToken ct) => new(
        Environment.ProcessorCount,
        TotalMemory(),
        $"{OsName()}, kernel {Kernel()}, {RuntimeInformation.OSArchitecture}",
        RuntimeInformation.FrameworkDescription,
        sdkVersion,
        await AzuriteVersion.ReadAsync(ct).ConfigureAwait(false),
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation");

    private static string TotalMemory()
    {
        // MemTotal:       24588420 kB
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null || !long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kib))
        {
            return "unknown";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0 / 1024.0:F1} GiB");
    }

    private static string OsName()
    {
        var line = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line is null ? "unknown OS" : line["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string Kernel() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
