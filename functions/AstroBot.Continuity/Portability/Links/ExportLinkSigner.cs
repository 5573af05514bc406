using AstroBot.Continuity.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>
/// Makes the link to one export blob: a read-only SAS for that blob alone, expiring at the export's expiry, with
/// the response overrides <c>Cache-Control: no-store</c> (so Meta does not cache the document), the ZIP content
/// type and an attachment file name. Signed with a user delegation key through the managed identity when the
/// account is reached with Microsoft Entra ID (<c>Storage:AccountName</c>), with the account key when a connection
/// string holds one (Azurite, development). A link is never logged.
/// </summary>
public sealed class ExportLinkSigner
{
    /// <summary>The <c>rscc</c> override every link carries.</summary>
    public const string CacheControl = "no-store";

    /// <summary>The <c>rsct</c> override every link carries.</summary>
    public const string ContentType = "application/zip";

    // The link works from a little before now, for clocks that run behind ours.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BlobServiceClient blobs;
    private readonly IOptions<PortabilityOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<ExportLinkSigner> logger;

    public ExportLinkSigner(StorageClients storage, IOptions<PortabilityOptions> options, TimeProvider time, ILogger<ExportLinkSigner> logger)
        : this(storage?.Blobs ?? throw new ArgumentNullException(nameof(storage)), options, time, logger)
    {
    }

    /// <summary>Over any blob service client (tests reach the user delegation path through a transport seam).</summary>
    internal ExportLinkSigner(BlobServiceClient blobs, IOptions<PortabilityOptions> options, TimeProvider time, ILogger<ExportLinkSigner> logger)
    {
        this.blobs = blobs;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>A link to <paramref name="blobName"/> in the exports container that works until <paramref name="expiresOn"/>.</summary>
    public async Task<Uri> SignAsync(string blobName, DateTimeOffset expiresOn, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        var blob = blobs.GetBlobContainerClient(options.Value.ExportContainerName).GetBlobClient(blobName);
        var protocol = ExportLinkProtocol.For(blobs.Uri);
        var startsOn = time.GetUtcNow() - ClockSkew;
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = startsOn,
            Protocol = protocol,
            CacheControl = CacheControl,
            ContentType = ContentType,
            ContentDisposition = $"attachment; filename=\"{ExportBlobName.FileNameOf(blobName)}\"",
        };

        if (blob.CanGenerateSasUri)
        {
            LogMessages.ExportLinkSigned(logger, "service", protocol);
            return blob.GenerateSasUri(sas);
        }

        // Managed identity: a user delegation key valid exactly as long as the link (at most 7 days ahead).
        var key = await blobs.GetUserDelegationKeyAsync(startsOn, expiresOn, ct).ConfigureAwait(false);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, blobs.AccountName) }.ToUri();
        LogMessages.ExportLinkSigned(logger, "user-delegation", protocol);
        return uri;
    }
}
