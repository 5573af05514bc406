namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>Given names and surnames for synthetic people; any combination is fictional.</summary>
internal static class PersonNames
{
    public static IReadOnlyList<string> Given { get; } =
    [
        "Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Lucas", "Isabella", "Gabriel", "Ana", "João",
        "Priya", "Arjun", "Aisha", "Rohan", "Ananya", "Vikram", "Emma", "Liam", "Olivia", "Noah",
        "Amara", "Chidi", "Zanele", "Kofi", "Fatima", "Omar", "Leila", "Yusuf", "Mei", "Hiro",
        "Siti", "Rizal", "Grace", "Paolo", "Elif", "Emre", "Chloé", "Hugo", "Greta", "Jonas",
    ];

    public static IReadOnlyList<string> Family { get; } =
    [
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Silva", "Santos", "Oliveira", "Pereira",
        "Sharma", "Patel", "Iyer", "Reddy", "Khan", "Singh", "Smith", "Johnson", "Williams", "Brown",
        "Okafor", "Adeyemi", "Mokoena", "Mensah", "Hassan", "Haddad", "Tan", "Santoso", "Reyes", "Cruz",
        "Yılmaz", "Kaya", "Rossi", "Bianchi", "Dubois", "Moreau", "Müller", "Schmidt", "Kamau", "Otieno",
    ];
}
