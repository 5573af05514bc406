using Azure.Storage.Sas;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>
/// Which protocols an export link may use: HTTPS only, always in Azure. The one exception is a development
/// account on a loopback address (Azurite), which speaks plain http: its links allow both, or they could not be
/// opened at all. Such links never leave the machine (WhatsApp refuses http links to anything but loopback).
/// </summary>
public static class ExportLinkProtocol
{
    /// <summary>The SAS protocol for blobs served from <paramref name="blobEndpoint"/>.</summary>
    public static SasProtocol For(Uri blobEndpoint)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        return blobEndpoint.IsLoopback ? SasProtocol.HttpsAndHttp : SasProtocol.Https;
    }
}
