using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace AstroBot.Continuity.Tests.Backup.Retention;

/// <summary>
/// What Azure answers a delete of a blob version under a time-based retention policy: 409 with error code
/// <c>BlobImmutableDueToPolicy</c>, in the header and in the XML body (Azure Storage REST "Blob service error codes").
/// </summary>
internal sealed class ImmutableBlobResponse(string clientRequestId) : Response
{
    private const string ErrorCode = "BlobImmutableDueToPolicy";

    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x-ms-error-code"] = ErrorCode,
        ["x-ms-client-request-id"] = clientRequestId,
        ["Content-Type"] = "application/xml",
    };

    public override int Status => 409;

    public override string ReasonPhrase => "This operation is not permitted as the blob is immutable due to a policy.";

    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{ErrorCode}</Code><Message>This operation is not permitted as the blob is immutable due to a policy.</Message></Error>"));

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(header => new HttpHeader(header.Key, header.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
