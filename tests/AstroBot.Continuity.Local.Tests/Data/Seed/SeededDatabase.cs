using System.Collections.Concurrent;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Tests.Data.Seed;

/// <summary>A test database seeded once by <see cref="SeedWriter"/>, with what was expected and what was reported.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public static readonly SeedRequest Request = new(Users: 12, ReadingsPerUser: 5, Seed: 2026, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public CosmosTestDatabase Database { get; } = new();

    public List<UserDataSet> Expected { get; } = [.. SeedGenerator.Generate(Request)];

    public SeedResult FirstRun { get; private set; } = null!;

    public ConcurrentQueue<SeedProgress> Progress { get; } = new();

    public SeedWriter CreateWriter() => new(Options.Create(Database.Options), TimeProvider.System, NullLogger<SeedWriter>.Instance);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        FirstRun = await CreateWriter().WriteAsync(Request, new RecordingProgress(Progress), CancellationToken.None);
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    /// <summary>Records reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
    private sealed class RecordingProgress(ConcurrentQueue<SeedProgress> reports) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => reports.Enqueue(value);
    }
}
