using System.Diagnostics;
using System.Security.Cryptography;
using AstroBot.Continuity.Bench.Bare;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// The bare limit of <c>export --all</c>: for every user, their items read (<see cref="BareUserRead"/>) and a file of
/// their archive's size written, with as many users in flight as the export. No account feed (the ids are known),
/// no audit record, no archive built, no temporary file, rename or flush to disk.
/// </summary>
internal static class BareTenantExport
{
    /// <param name="users">Each user and the size of the archive the export wrote for them.</param>
    /// <returns>Operations and items count users; bytes are those read plus those written.</returns>
    public static async Task<BareLoopResult> RunAsync(
        CosmosClient cosmos, string database, IReadOnlyList<(string WaId, long ArchiveBytes)> users, string directory, int usersInFlight, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        // Random bytes (as incompressible as a ZIP), made before the clock starts.
        var files = users.Select(user => (user.WaId, Bytes: RandomNumberGenerator.GetBytes(checked((int)user.ArchiveBytes)))).ToList();
        long read = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = usersInFlight, CancellationToken = ct },
            async (file, token) =>
            {
                Interlocked.Add(ref read, await BareUserRead.RunAsync(cosmos, database, file.WaId, token).ConfigureAwait(false));
                await File.WriteAllBytesAsync(Path.Combine(directory, file.WaId + ".zip"), file.Bytes, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new BareLoopResult(elapsed, files.Count, files.Count, read + files.Sum(file => (long)file.Bytes.Length));
    }
}
