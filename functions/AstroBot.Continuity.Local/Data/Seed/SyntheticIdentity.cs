using System.Globalization;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>The identifiers of synthetic user <c>userIndex</c>: computable alone, so others can refer to them.</summary>
internal sealed record SyntheticIdentity(string WaId, string SelfProfileId)
{
    // Coprime to 10^7, so index -> (start + index * step) mod 10^7 never repeats a number: wa_ids are unique.
    private const long NumberingStep = 3_967_321;
    private const long SubscriberNumbers = 10_000_000;

    public static SyntheticIdentity For(int seed, int userIndex)
    {
        long start = SeedRandom.For(seed, 0, SeedStream.Numbering).Next(0, (int)SubscriberNumbers);
        var subscriber = (start + (userIndex * NumberingStep)) % SubscriberNumbers;
        var random = SeedRandom.For(seed, userIndex, SeedStream.Identity);
        return new SyntheticIdentity(
            "1555" + subscriber.ToString("D7", CultureInfo.InvariantCulture),
            "prf-" + random.Hex(16));
    }
}
