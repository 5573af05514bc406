using System.IO.Compression;
using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Portability.WhatsApp;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

[Trait("Category", "Emulators")]
public sealed class WhatsAppExportsTests(SeededBotDatabase data) : IClassFixture<SeededBotDatabase>
{
    private static readonly HttpClient Http = new();

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task DeliverAsync_Link_DownloadsTheUsersZipFromAzuriteWithCacheControlNoStore()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var user = data.Users[0];

        var document = await ExportFlow.ExportAsync(host, user.WaId);

        using var response = await Http.GetAsync(new Uri(document.DocumentLink!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(document.DocumentFileName!, response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Contains(zip.Entries, entry => entry.Name == ExportArchive.ManifestFile);
        using var json = await JsonDocument.ParseAsync(zip.GetEntry(ExportArchive.DataFile)!.Open());
        Assert.Equal(user.WaId, json.RootElement.GetProperty("wa_id").GetString());
    }

    [Fact]
    public async Task BuildAsync_BlobName_Carries128RandomBitsAndIsInTheLink()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);

        var document = await ExportFlow.ExportAsync(host, data.Users[1].WaId);

        var blobName = Assert.Single(await host.ExportBlobNamesAsync());
        Assert.Matches($"^[0-9a-f]{{{ExportBlobName.RandomBits / 4}}}/astrobot-export-\\d{{4}}-\\d{{2}}-\\d{{2}}\\.zip$", blobName);
        Assert.Equal(128, ExportBlobName.RandomBits);
        Assert.EndsWith("/" + blobName, new Uri(document.DocumentLink!).AbsolutePath, StringComparison.Ordinal);
        var record = Assert.Single(await host.Get<ExportRecords>().ListAsync(data.Users[1].WaId, CancellationToken.None));
        Assert.Equal((ExportState.Ready, blobName), (record.State, record.BlobName));
        Assert.Equal(record.CreatedAt + host.Options.LinkLifetime, record.ExpiresAt);
    }

    [Fact]
    public async Task DeliverAsync_AlteredLink_IsRefusedByStorage()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var link = (await ExportFlow.ExportAsync(host, data.Users[2].WaId)).DocumentLink!;
        var query = link[link.IndexOf('?', StringComparison.Ordinal)..];
        var path = link[..link.IndexOf('?', StringComparison.Ordinal)];
        var signature = link[(link.IndexOf("sig=", StringComparison.Ordinal) + 4)..].Split('&')[0];
        var otherSignature = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        var folder = path.Split('/')[^2];
        var otherFolder = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        foreach (var altered in new[]
                 {
                     link.Replace("sig=" + signature, "sig=" + otherSignature, StringComparison.Ordinal),
                     path.Replace(folder, otherFolder, StringComparison.Ordinal) + query,
                     path + query.Replace("sp=r", "sp=rw", StringComparison.Ordinal),
                     path,
                 })
        {
            using var response = await Http.GetAsync(new Uri(altered));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{response.StatusCode} for an altered link");
        }
    }

    [Fact]
    public async Task DeliverAsync_LinkPastItsExpiry_IsRefusedByStorage()
    {
        // The whole export happens two days ago on the fake clock: its 24 h link expired yesterday in real time.
        await using var host = await PortabilityHost.StartAsync(data, Now - TimeSpan.FromDays(2));

        var link = new Uri((await ExportFlow.ExportAsync(host, data.Users[3].WaId)).DocumentLink!);

        using var response = await Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DeliverAsync_WindowClosedWhenReady_SendsTheTemplateAndTheNextExportSendsTheLink()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now - TimeSpan.FromHours(25));
        var waId = data.Users[4].WaId;
        await host.SendAsync(waId, "EXPORT");
        var requestedAt = host.Now;
        await host.SendAsync(waId, "YES");

        host.Clock!.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await host.DrainExportRequestsAsync();
        Assert.False((await host.WaitForExportAsync(waId, requestedAt)).Delivered);

        var held = host.Sink.MessagesTo(waId)[^1];
        Assert.Equal("template", held.Type);
        Assert.DoesNotContain(host.Sink.MessagesTo(waId), message => message.Type == "document");

        await host.SendAsync(waId, "EXPORT");
        Assert.Single(host.Sink.MessagesTo(waId), message => message.Type == "document");
        Assert.Single(await host.ExportBlobNamesAsync());
    }

    [Fact]
    public async Task ExportThroughWhatsApp_Logs_NeverHoldALinkOrABlobName()
    {
        await using var host = await PortabilityHost.StartAsync(data, Now);
        var waId = data.Users[5].WaId;
        var first = await ExportFlow.ExportAsync(host, waId);
        host.Clock!.Advance(TimeSpan.FromHours(1));
        await host.SendAsync(waId, "EXPORT");
        var second = host.Sink.MessagesTo(waId).Last(message => message.Type == "document");
        var blobName = Assert.Single(await host.ExportBlobNamesAsync());

        var lines = host.Logs.Lines;

        Assert.Contains(lines, line => line.Contains("[6201]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("[6202]", StringComparison.Ordinal));
        foreach (var secret in new[] { first.DocumentLink!, second.DocumentLink!, new Uri(first.DocumentLink!).Query, new Uri(second.DocumentLink!).Query, blobName.Split('/')[0], waId })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
