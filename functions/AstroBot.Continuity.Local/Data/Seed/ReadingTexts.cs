using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>Reading texts in the bot's voice, composed from the chart they describe.</summary>
internal static class ReadingTexts
{
    private static readonly string[] Themes =
    [
        "conversations you have been postponing", "a fresh look at your finances", "rest and small rituals",
        "creative work that asks for patience", "reconnecting with an old friend", "clear boundaries at work",
        "a decision you can now make calmly", "generosity that comes back to you",
    ];

    private static readonly string[] Advice =
    [
        "Trust the slower path today.", "Write down what you want before you ask for it.", "Say yes to one invitation.",
        "Let someone else lead for once.", "Keep your plans flexible after sunset.", "A short walk will clear your head.",
    ];

    public static string Compose(ReadingKind kind, Chart chart, SeedRandom random)
    {
        var sun = SignOf(chart, CelestialBody.Sun);
        var moon = SignOf(chart, CelestialBody.Moon);
        var venus = SignOf(chart, CelestialBody.Venus);
        var theme = random.Pick(Themes);
        var advice = random.Pick(Advice);
        return kind switch
        {
            ReadingKind.Daily => $"With the Moon in {moon} today, the sky favors {theme}. {advice}",
            ReadingKind.Transit => $"Mars moves through {SignOf(chart, CelestialBody.Mars)} while the Sun lights up {sun}: a good season for {theme}. {advice}",
            ReadingKind.Natal => $"Your Sun in {sun} gives you direction and your Moon in {moon} tells you what you need to feel safe. Venus in {venus} shapes how you love. Lately your chart points to {theme}.",
            ReadingKind.Compatibility => $"Your {sun} Sun and {moon} Moon meet your partner's chart with warmth; Venus in {venus} asks you both for {theme}. {advice}",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reading kind."),
        };
    }

    private static ZodiacSign SignOf(Chart chart, CelestialBody body) => chart.Planets.First(planet => planet.Body == body).Sign;
}
