namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>
/// Where the emulators started by <c>eng/test</c> listen. Every test class takes its own names from
/// <see cref="UniqueName"/> so tests never share a queue, table, container or database.
/// </summary>
public static class EmulatorEndpoints
{
    /// <summary>The well-known emulator key of Azurite's devstoreaccount1 and of the Cosmos DB emulator.</summary>
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string CosmosEmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static string StorageConnectionString { get; } =
        Environment.GetEnvironmentVariable("CONTINUITY_TEST_STORAGE") ?? "UseDevelopmentStorage=true";

    /// <summary>
    /// The second Azurite account, devstoreaccount2 (the second region's own account), that <c>eng/emulators</c> starts
    /// Azurite with: on the same endpoints as <see cref="StorageConnectionString"/>, with the same well-known key, unless
    /// <c>CONTINUITY_TEST_STORAGE_2</c> says otherwise.
    /// </summary>
    public static string SecondStorageConnectionString { get; } =
        Environment.GetEnvironmentVariable("CONTINUITY_TEST_STORAGE_2") ?? SecondAccountOf(StorageConnectionString);

    public static string CosmosEndpoint { get; } =
        Environment.GetEnvironmentVariable("CONTINUITY_TEST_COSMOS_ENDPOINT") ?? "https://127.0.0.1:8081";

    public static string CosmosKey => CosmosEmulatorKey;

    /// <summary>A storage connection string whose endpoints point at a closed loopback port: storage "down".</summary>
    public static string UnreachableStorageConnectionString { get; } =
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private static string SecondAccountOf(string connectionString) =>
        (connectionString.Trim().TrimEnd(';') == "UseDevelopmentStorage=true"
            ? $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
              "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
            : connectionString).Replace("devstoreaccount1", "devstoreaccount2", StringComparison.Ordinal);

    /// <summary>A lowercase alphanumeric name, unique per call, valid for queues, tables, containers and databases.</summary>
    public static string UniqueName(string prefix) =>
        (new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) + Guid.NewGuid().ToString("N"))[..Math.Min(40, prefix.Length + 32)];
}
