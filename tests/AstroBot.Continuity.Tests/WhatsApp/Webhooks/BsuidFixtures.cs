namespace AstroBot.Continuity.Tests.WhatsApp.Webhooks;

/// <summary>
/// The held BSUID and username webhook bodies in <c>Fixtures/bsuid</c> (see its README.md for where each comes from),
/// read as raw bytes from the test output folder.
/// </summary>
internal static class BsuidFixtures
{
    public const string MalformedNoSender = "malformed-no-sender.json";

    public const string Bsuid = "US.13491208655302741918";
    public const string NewBsuid = "US.10448236590111734562";
    public const string ParentBsuid = "US.ENT.11815799212886844830";
    public const string Phone = "16505551234";
    public const string NewPhone = "12195555358";
    public const string PhoneNumberId = "106540352242922";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "WhatsApp", "Webhooks", "Fixtures", "bsuid");

    /// <summary>Every fixture file name, from the folder itself, so a new fixture is picked up without a code change.</summary>
    public static IReadOnlyList<string> All =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    /// <summary>Every fixture Meta could send, that is all but <see cref="MalformedNoSender"/>.</summary>
    public static TheoryData<string> Valid => [.. All.Where(name => name != MalformedNoSender)];

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));
}
