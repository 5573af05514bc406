using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// The user exported through WhatsApp: one <c>continuity seed</c> user (<see cref="SeedWriter"/>) with five years'
/// worth of daily readings and the conversations the seed makes around them, alone in the local host's database.
/// </summary>
/// <param name="Seeded">What the seed wrote.</param>
internal sealed record LinkUser(string WaId, int Readings, SeedResult Seeded)
{
    public static async Task<LinkUser> SeedAsync(string database, PortabilityBenchSettings settings, CancellationToken ct)
    {
        var request = new SeedRequest(Users: 1, settings.LinkUserReadings, settings.Seed, TimeProvider.System.GetUtcNow());
        var cosmos = Options.Create(new CosmosOptions { DatabaseName = database });
        var seeded = await new SeedWriter(cosmos, TimeProvider.System, NullLogger<SeedWriter>.Instance).WriteAsync(request, null, ct).ConfigureAwait(false);
        return new LinkUser(SeedGenerator.GenerateUser(request, 0).WaId, settings.LinkUserReadings, seeded);
    }
}
