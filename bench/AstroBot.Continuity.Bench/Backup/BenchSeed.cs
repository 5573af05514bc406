using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Local.Data.Seed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The bot's data for the benchmarks that back it up: <c>continuity seed</c> (<see cref="SeedWriter"/>) into the
/// environment's source database, then every user's key made once, as the first backup would have made them: a daily
/// backup finds them in place.
/// </summary>
internal static class BenchSeed
{
    /// <returns>What the seed wrote, and how long making the user keys took.</returns>
    public static async Task<(SeedResult Seed, TimeSpan UserKeysElapsed)> WriteAsync(BackupBenchEnvironment env, SeedRequest request, TextWriter progress, CancellationToken ct)
    {
        var seed = await new SeedWriter(Options.Create(env.Cosmos), TimeProvider.System, NullLogger<SeedWriter>.Instance)
            .WriteAsync(request, new Progress<SeedProgress>(p => { if (p.ItemsWritten % 5_000 == 0) { progress.WriteLine($"  seed: {p.ItemsWritten:N0} items, {p.Elapsed.TotalSeconds:F0} s"); } }), ct)
            .ConfigureAwait(false);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {seed.TotalItems:N0} items in {seed.Elapsed.TotalSeconds:F1} s ({seed.ItemsPerSecond:F0} items/s)"));

        var keysClock = Stopwatch.StartNew();
        var keyStore = env.Get<UserKeyStore>();
        await Parallel.ForEachAsync(
            SeedGenerator.Generate(request).Select(user => user.WaId),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (waId, token) => await keyStore.GetOrCreateAsync(waId, token).ConfigureAwait(false)).ConfigureAwait(false);
        keysClock.Stop();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"user keys: {request.Users:N0} made in {keysClock.Elapsed.TotalSeconds:F1} s"));
        return (seed, keysClock.Elapsed);
    }
}
