using System.Globalization;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>The independent random sequences of one seed.</summary>
internal enum SeedStream
{
    /// <summary>Seed-wide choices, such as where wa_id numbering starts.</summary>
    Numbering,

    /// <summary>A user's identifiers, which other users' compatibility readings refer to.</summary>
    Identity,

    /// <summary>Everything else about a user.</summary>
    Content,
}

/// <summary>
/// A seeded <see cref="Random"/> per (seed, user, stream). Each user draws from its own sequence, so users can be
/// generated in any order or in parallel and still come out identical; identities have their own stream so
/// they can be recomputed for another user's reference without generating that user.
/// </summary>
internal sealed class SeedRandom
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly Random random;

    private SeedRandom(int seed) => random = new Random(seed);

    public static SeedRandom For(int seed, int userIndex, SeedStream stream) => new(Mix(seed, userIndex, stream));

    public int Next(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    public double NextDouble() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Hex(int length) =>
        string.Create(length, random, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = "0123456789abcdef"[source.Next(16)];
            }
        });

    public string Base64Chars(int length) =>
        string.Create(length, random, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base64Alphabet[source.Next(Base64Alphabet.Length)];
            }
        });

    public string ClockTime(int minuteStep) =>
        TimeSpan.FromMinutes(random.Next(24 * 60 / minuteStep) * minuteStep).ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    // SplitMix64's finalizer: nearby (seed, user) pairs get unrelated System.Random seeds.
    private static int Mix(int seed, int userIndex, SeedStream stream)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)userIndex;
        x += 0x9E3779B97F4A7C15UL * ((ulong)stream + 1);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return unchecked((int)(x ^ (x >> 32)));
    }
}
