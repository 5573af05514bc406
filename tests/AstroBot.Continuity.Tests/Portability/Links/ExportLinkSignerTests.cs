using System.Net;
using System.Text;
using System.Web;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Portability.Links;

public sealed class ExportLinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Category", "Emulators")]
    public async Task SignAsync_AccountKey_MakesAReadOnlyServiceSasForOneBlobThatAzuriteServes()
    {
        var options = Options.Create(new PortabilityOptions { ExportContainerName = EmulatorEndpoints.UniqueName("exports") });
        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
        var blobs = new ExportBlobs(storage, options);
        var blobName = ExportBlobName.Create(TimeProvider.System.GetUtcNow());
        await blobs.UploadAsync(blobName, [1, 2, 3], CancellationToken.None);
        var sut = new ExportLinkSigner(storage, options, TimeProvider.System, NullLogger<ExportLinkSigner>.Instance);
        try
        {
            var expiresOn = TimeProvider.System.GetUtcNow().AddHours(1);

            var link = await sut.SignAsync(blobName, expiresOn, CancellationToken.None);

            var query = HttpUtility.ParseQueryString(link.Query);
            Assert.Equal(("r", "b", "https,http", "no-store"), (query["sp"], query["sr"], query["spr"], query["rscc"]));
            Assert.Null(query["skoid"]);
            Assert.Equal(expiresOn.ToUnixTimeSeconds(), DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
            using var http = new HttpClient();
            Assert.Equal([1, 2, 3], await http.GetByteArrayAsync(link));
        }
        finally
        {
            await storage.Blobs.GetBlobContainerClient(options.Value.ExportContainerName).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task SignAsync_ManagedIdentity_MakesAnHttpsOnlyUserDelegationSasWithAKeyLastingAsLongAsTheLink()
    {
        var storageService = new UserDelegationKeyService();
        var blobs = new BlobServiceClient(
            new Uri("https://astrobotprod.blob.core.windows.net"),
            new FixedToken(),
            new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(storageService)), Retry = { MaxRetries = 0 } });
        var sut = new ExportLinkSigner(blobs, Options.Create(new PortabilityOptions()), new FakeTimeProvider(Now), NullLogger<ExportLinkSigner>.Instance);
        var expiresOn = Now.AddHours(24);

        var link = await sut.SignAsync("0123456789abcdef0123456789abcdef/astrobot-export-2027-01-15.zip", expiresOn, CancellationToken.None);

        Assert.Equal("https://astrobotprod.blob.core.windows.net/exports/0123456789abcdef0123456789abcdef/astrobot-export-2027-01-15.zip", link.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(link.Query);
        Assert.Equal(UserDelegationKeyService.ObjectId, query["skoid"]);
        Assert.Equal(UserDelegationKeyService.TenantId, query["sktid"]);
        Assert.Equal(("r", "b", "https", "no-store", "application/zip"), (query["sp"], query["sr"], query["spr"], query["rscc"], query["rsct"]));
        Assert.Contains("astrobot-export-2027-01-15.zip", query["rscd"], StringComparison.Ordinal);
        Assert.Equal("2027-01-16T08:00:00Z", query["se"]);
        Assert.NotEmpty(query["sig"]!);

        // The key was asked for with the app's identity, valid from before now until the link's expiry.
        var request = Assert.Single(storageService.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Contains("comp=userdelegationkey", request.Query, StringComparison.Ordinal);
        Assert.Equal("Bearer", request.Scheme);
        Assert.Contains("<Expiry>2027-01-16T08:00:00Z</Expiry>", request.Body, StringComparison.Ordinal);
    }

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("managed-identity-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers Get User Delegation Key as the Blob service documents it, and records the requests.</summary>
    private sealed class UserDelegationKeyService : HttpMessageHandler
    {
        public const string ObjectId = "11111111-2222-3333-4444-555555555555";
        public const string TenantId = "66666666-7777-8888-9999-000000000000";

        public List<(HttpMethod Method, string Query, string? Scheme, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.Query, request.Headers.Authorization?.Scheme, body));
            var xml =
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><UserDelegationKey>" +
                $"<SignedOid>{ObjectId}</SignedOid><SignedTid>{TenantId}</SignedTid>" +
                "<SignedStart>2027-01-15T07:55:00Z</SignedStart><SignedExpiry>2027-01-16T08:00:00Z</SignedExpiry>" +
                "<SignedService>b</SignedService><SignedVersion>2025-11-05</SignedVersion>" +
                $"<Value>{Convert.ToBase64String(Encoding.UTF8.GetBytes("a user delegation key of 32 bytes"))}</Value></UserDelegationKey>";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        }
    }
}
