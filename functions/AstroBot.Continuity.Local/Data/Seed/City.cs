namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>A real city: where synthetic users live and were born.</summary>
internal sealed record City(string Name, string Country, double Latitude, double Longitude, string TimeZone, string Locale)
{
    public string PlaceName => $"{Name}, {Country}";

    /// <summary>The language part of <see cref="Locale"/>, e.g. "es" for "es-MX".</summary>
    public string Language => Locale[..Locale.IndexOf('-', StringComparison.Ordinal)];

    public static IReadOnlyList<City> All { get; } =
    [
        new("New York", "United States", 40.7128, -74.0060, "America/New_York", "en-US"),
        new("Los Angeles", "United States", 34.0522, -118.2437, "America/Los_Angeles", "en-US"),
        new("Chicago", "United States", 41.8781, -87.6298, "America/Chicago", "en-US"),
        new("Houston", "United States", 29.7604, -95.3698, "America/Chicago", "en-US"),
        new("Miami", "United States", 25.7617, -80.1918, "America/New_York", "es-US"),
        new("Mexico City", "Mexico", 19.4326, -99.1332, "America/Mexico_City", "es-MX"),
        new("Guadalajara", "Mexico", 20.6597, -103.3496, "America/Mexico_City", "es-MX"),
        new("Bogotá", "Colombia", 4.7110, -74.0721, "America/Bogota", "es-CO"),
        new("Lima", "Peru", -12.0464, -77.0428, "America/Lima", "es-PE"),
        new("Buenos Aires", "Argentina", -34.6037, -58.3816, "America/Argentina/Buenos_Aires", "es-AR"),
        new("São Paulo", "Brazil", -23.5505, -46.6333, "America/Sao_Paulo", "pt-BR"),
        new("Rio de Janeiro", "Brazil", -22.9068, -43.1729, "America/Sao_Paulo", "pt-BR"),
        new("Madrid", "Spain", 40.4168, -3.7038, "Europe/Madrid", "es-ES"),
        new("Lisbon", "Portugal", 38.7223, -9.1393, "Europe/Lisbon", "pt-PT"),
        new("London", "United Kingdom", 51.5074, -0.1278, "Europe/London", "en-GB"),
        new("Paris", "France", 48.8566, 2.3522, "Europe/Paris", "fr-FR"),
        new("Berlin", "Germany", 52.5200, 13.4050, "Europe/Berlin", "de-DE"),
        new("Rome", "Italy", 41.9028, 12.4964, "Europe/Rome", "it-IT"),
        new("Istanbul", "Türkiye", 41.0082, 28.9784, "Europe/Istanbul", "tr-TR"),
        new("Cairo", "Egypt", 30.0444, 31.2357, "Africa/Cairo", "ar-EG"),
        new("Lagos", "Nigeria", 6.5244, 3.3792, "Africa/Lagos", "en-NG"),
        new("Nairobi", "Kenya", -1.2921, 36.8219, "Africa/Nairobi", "en-KE"),
        new("Johannesburg", "South Africa", -26.2041, 28.0473, "Africa/Johannesburg", "en-ZA"),
        new("Mumbai", "India", 19.0760, 72.8777, "Asia/Kolkata", "hi-IN"),
        new("Delhi", "India", 28.7041, 77.1025, "Asia/Kolkata", "hi-IN"),
        new("Bengaluru", "India", 12.9716, 77.5946, "Asia/Kolkata", "en-IN"),
        new("Jakarta", "Indonesia", -6.2088, 106.8456, "Asia/Jakarta", "id-ID"),
        new("Manila", "Philippines", 14.5995, 120.9842, "Asia/Manila", "en-PH"),
        new("Singapore", "Singapore", 1.3521, 103.8198, "Asia/Singapore", "en-SG"),
        new("Sydney", "Australia", -33.8688, 151.2093, "Australia/Sydney", "en-AU"),
    ];
}
