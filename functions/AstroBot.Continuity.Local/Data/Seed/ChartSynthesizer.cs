using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// Plausible charts from mean orbital motion: the Sun matches the date, the Moon moves 13° a day, Mercury and
/// Venus stay near the Sun. Synthetic data with the shape of real charts, not an ephemeris.
/// </summary>
internal static class ChartSynthesizer
{
    private static readonly DateTimeOffset J2000 = new(2000, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // Fagan-Bradley ayanamsa, near enough for synthetic sidereal charts.
    private const double Ayanamsa = 24.8;

    // Mean longitude at J2000 (degrees) and mean daily motion (degrees/day).
    private static readonly (CelestialBody Body, double Epoch, double PerDay)[] MeanMotions =
    [
        (CelestialBody.Sun, 280.46, 0.985647),
        (CelestialBody.Moon, 218.32, 13.176396),
        (CelestialBody.Mars, 355.43, 0.524033),
        (CelestialBody.Jupiter, 34.35, 0.083091),
        (CelestialBody.Saturn, 50.08, 0.033460),
        (CelestialBody.Uranus, 314.06, 0.011733),
        (CelestialBody.Neptune, 304.35, 0.005981),
        (CelestialBody.Pluto, 238.93, 0.003964),
    ];

    /// <summary>
    /// The chart of <paramref name="moment"/>; with an <paramref name="ascendant"/> it has houses in
    /// <paramref name="houseSystem"/>, without one (birth time unknown) it has none.
    /// </summary>
    public static Chart Compute(DateTimeOffset moment, double? ascendant, HouseSystem houseSystem, ZodiacSystem zodiac, SeedRandom random)
    {
        var shift = zodiac == ZodiacSystem.Sidereal ? -Ayanamsa : 0;
        var cusps = ascendant is { } asc ? Cusps(Normalize(asc + shift), houseSystem, random) : [];
        var planets = Longitudes(moment)
            .Select(body => Place(body.Body, Normalize(body.Longitude + shift), cusps))
            .ToList();
        var houses = cusps.Select((cusp, index) => new HouseCusp(index + 1, SignOf(cusp), DegreeIn(cusp))).ToList();
        return new Chart(planets, houses);
    }

    /// <summary>The ascendant of a local birth time: the Sun rises on it at about 06:00.</summary>
    public static double AscendantAt(DateTimeOffset moment, TimeSpan localTime) =>
        Normalize(SunLongitude(moment) + ((localTime.TotalHours - 6) * 15));

    private static IEnumerable<(CelestialBody Body, double Longitude)> Longitudes(DateTimeOffset moment)
    {
        var days = (moment - J2000).TotalDays;
        var sun = SunLongitude(moment);
        foreach (var (body, epoch, perDay) in MeanMotions)
        {
            yield return (body, Normalize(epoch + (perDay * days)));
            if (body == CelestialBody.Moon)
            {
                // Geocentric Mercury and Venus swing around the Sun, never farther than 28° and 47°.
                yield return (CelestialBody.Mercury, Normalize(sun + (27 * Math.Sin(days * 2 * Math.PI / 115.88))));
                yield return (CelestialBody.Venus, Normalize(sun + (46 * Math.Sin(days * 2 * Math.PI / 583.92))));
            }
        }
    }

    private static double SunLongitude(DateTimeOffset moment) => Normalize(280.46 + (0.985647 * (moment - J2000).TotalDays));

    private static double[] Cusps(double ascendant, HouseSystem houseSystem, SeedRandom random) =>
        houseSystem switch
        {
            HouseSystem.WholeSign => [.. Enumerable.Range(0, 12).Select(house => Normalize((Math.Floor(ascendant / 30) + house) * 30))],
            HouseSystem.Equal => [.. Enumerable.Range(0, 12).Select(house => Normalize(ascendant + (house * 30)))],
            // Quadrant systems give unequal houses; a few degrees of drift keeps cusps in order.
            _ => [.. Enumerable.Range(0, 12).Select(house => Normalize(ascendant + (house * 30) + (house == 0 ? 0 : (random.NextDouble() * 10) - 5)))],
        };

    private static PlanetPosition Place(CelestialBody body, double longitude, double[] cusps) =>
        new(body, SignOf(longitude), DegreeIn(longitude), cusps.Length == 0 ? null : HouseOf(longitude, cusps));

    private static int HouseOf(double longitude, double[] cusps)
    {
        for (var house = 0; house < cusps.Length; house++)
        {
            var start = cusps[house];
            var width = Normalize(cusps[(house + 1) % cusps.Length] - start);
            if (Normalize(longitude - start) < width)
            {
                return house + 1;
            }
        }

        return 12;
    }

    private static ZodiacSign SignOf(double longitude) => (ZodiacSign)(int)(longitude / 30);

    private static double DegreeIn(double longitude) => Math.Min(Math.Round(longitude % 30, 2), 29.99);

    private static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;
}
