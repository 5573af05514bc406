namespace AstroBot.Continuity.Hosting;

/// <summary>
/// The HTTP routes both hosts serve, below the <c>/api</c> prefix of Azure Functions. One place, so the
/// Functions app and the local host can never drift apart.
/// </summary>
public static class HttpRoutes
{
    public const string Prefix = "api";
    public const string WhatsAppWebhook = "whatsapp/webhook";
    public const string Health = "health";
    public const string HealthReady = "health/ready";
}
