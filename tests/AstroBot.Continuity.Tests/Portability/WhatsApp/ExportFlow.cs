using AstroBot.Continuity.Local.WhatsApp.Sink;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

/// <summary>The steps of an export through WhatsApp that many tests share.</summary>
internal static class ExportFlow
{
    /// <summary>EXPORT, YES, the pump, the orchestration: returns the document message the user got.</summary>
    public static async Task<SinkMessage> ExportAsync(PortabilityHost host, string waId)
    {
        await host.SendAsync(waId, "EXPORT");
        var requestedAt = host.Now;
        await host.SendAsync(waId, "YES");
        Assert.Equal(1, await host.DrainExportRequestsAsync());
        Assert.True((await host.WaitForExportAsync(waId, requestedAt)).Delivered);
        return Assert.Single(host.Sink.MessagesTo(waId), message => message.Type == "document");
    }

    public static IReadOnlyList<string?> TextsTo(PortabilityHost host, string waId) =>
        [.. host.Sink.MessagesTo(waId).Where(message => message.Type == "text").Select(message => message.Text)];
}
