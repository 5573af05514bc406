using System.Text.Json;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.Tests.Availability.FrontDoor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Portability.Import;

/// <summary>
/// <c>POST /api/portability/import</c> as the hosts run it, against the Cosmos DB emulator: archives built in memory
/// from seed users, each test importing into an empty database of its own.
/// </summary>
public sealed class ImportEndpointTests(PortabilityHarness harness) : IClassFixture<PortabilityHarness>
{
    [Fact]
    public async Task PostAsync_Archive_ImportsItAndAnswersWithTheCounts()
    {
        var user = TestExports.Users[0];
        var (database, sut) = await EndpointAsync();

        var (status, body) = await PostAsync(sut, ArchiveOf(user));

        Assert.Equal(StatusCodes.Status200OK, status);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal((user.WaId, user.WaId, false, "skip"), (root.GetProperty("wa_id").GetString(), root.GetProperty("source_wa_id").GetString(),
            root.GetProperty("dry_run").GetBoolean(), root.GetProperty("on_conflict").GetString()));
        Assert.Equal(user.Documents.Count(), root.GetProperty("total").GetProperty("created").GetInt32());
        Assert.Equal(user.Readings.Count, root.GetProperty("containers").GetProperty(BotDataModel.Readings.Name).GetProperty("created").GetInt32());
        Assert.All(root.GetProperty("changes").EnumerateArray(), change => Assert.Equal("create", change.GetProperty("action").GetString()));
        Assert.Equal(user.Documents.Count(), (await harness.AllItemsAsync(database)).Values.Sum(items => items.Count));
    }

    [Fact]
    public async Task PostAsync_DryRunWithTheFunctionKey_ReportsAndWritesNothing()
    {
        var user = TestExports.Users[1];
        var (database, sut) = await EndpointAsync();

        var (status, body) = await PostAsync(sut, ArchiveOf(user), "?dry_run=true&code=the-function-key");

        Assert.Equal(StatusCodes.Status200OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("dry_run").GetBoolean());
        Assert.Equal(user.Documents.Count(), json.RootElement.GetProperty("total").GetProperty("created").GetInt32());
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Fact]
    public async Task PostAsync_As_ImportsTheArchiveAsThatUser()
    {
        const string newNumber = "15559990042";
        var user = TestExports.Users[2];
        var (database, sut) = await EndpointAsync();

        var (status, _) = await PostAsync(sut, ArchiveOf(user), $"?as={newNumber}&on_conflict=overwrite");

        Assert.Equal(StatusCodes.Status200OK, status);
        var items = (await harness.AllItemsAsync(database)).Values.SelectMany(container => container).ToList();
        Assert.Equal(user.Documents.Count(), items.Count);
        Assert.All(items, item => Assert.True(PortabilityHarness.Belongs(item, newNumber), item));
    }

    [Theory]
    [InlineData("?dryrun=true", "Unknown query parameter 'dryrun'")]
    [InlineData("?dry_run=yes", "dry_run and allow_erased take true or false")]
    [InlineData("?allow_erased=1", "dry_run and allow_erased take true or false")]
    [InlineData("?as=not-a-number", "as takes a person")]
    [InlineData("?on_conflict=replace", "on_conflict takes skip or overwrite")]
    [InlineData("?dry_run=true&dry_run=false", "'dry_run' is given more than once")]
    public async Task PostAsync_BadQuery_Answers400AndWritesNothing(string query, string expected)
    {
        var (database, sut) = await EndpointAsync();

        var (status, body) = await PostAsync(sut, ArchiveOf(TestExports.Users[3]), query);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(expected, ErrorOf(body), StringComparison.Ordinal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task PostAsync_NotAZipContentType_Answers415(string? contentType)
    {
        var (_, sut) = await EndpointAsync();

        var (status, body) = await PostAsync(sut, ArchiveOf(TestExports.Users[3]), contentType: contentType);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.Contains("application/zip", ErrorOf(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostAsync_BodyOverTheLimit_Answers413(bool declareLength)
    {
        var (_, sut) = await EndpointAsync();
        var request = HttpRequests.Post(new ZeroStream(ImportEndpoint.MaxArchiveBytes + 1), declareLength ? ImportEndpoint.MaxArchiveBytes + 1 : null, signature: null);
        request.ContentType = "application/zip";

        var (status, body, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("continuity import", ErrorOf(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_TamperedArchive_Answers422NamingTheProblemAndWritesNothing()
    {
        var (database, sut) = await EndpointAsync();
        var tampered = TestExports.Replace(ArchiveOf(TestExports.Users[4]), ExportArchive.DataFile, "{}"u8.ToArray(), rehash: false);

        var (status, body) = await PostAsync(sut, tampered);

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, status);
        Assert.Contains("does not match its SHA-256", ErrorOf(body), StringComparison.Ordinal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Fact]
    public async Task PostAsync_IntoADatabaseThatDoesNotExist_Answers422()
    {
        var sut = harness.Services(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = "missing-" + Guid.NewGuid().ToString("N") })
            .GetRequiredService<ImportEndpoint>();

        var (status, body) = await PostAsync(sut, ArchiveOf(TestExports.Users[5]));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, status);
        Assert.Contains("has no container", ErrorOf(body), StringComparison.Ordinal);
    }

    private static byte[] ArchiveOf(UserDataSet user) => ExportArchive.Build(TestExports.DataOf(user), TestExports.GeneratedAt);

    private async Task<(string Database, ImportEndpoint Endpoint)> EndpointAsync()
    {
        var (database, services) = await harness.EmptyDatabaseAsync();
        return (database, services.GetRequiredService<ImportEndpoint>());
    }

    private static async Task<(int Status, string Body)> PostAsync(ImportEndpoint sut, byte[] archive, string query = "", string? contentType = "application/zip")
    {
        var request = HttpRequests.Post(archive, signature: null);
        request.ContentType = contentType;
        request.QueryString = new QueryString(query);
        var (status, body, _) = await HttpRequests.ExecuteAsync(await sut.PostAsync(request, CancellationToken.None), request);
        return (status, body);
    }

    private static string ErrorOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>A body of zeros of any length without holding it in memory.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, read);
            position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
