using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp;

/// <summary>Registers the WhatsApp protocol layer.</summary>
public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="WhatsAppOptions"/> (section <c>WhatsApp</c>, checked at start), and registers
    /// <see cref="WebhookSignature"/>, <see cref="IGraphApiClient"/> as a typed HttpClient, <see cref="ReplySender"/>, and the
    /// reply outbox it falls back on when the Graph API is down (<see cref="OutboxServiceCollectionExtensions.AddReplyOutbox"/>,
    /// which needs <c>AddContinuityStorage</c>).
    /// </summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WhatsAppOptions>()
            .Bind(configuration.GetSection(WhatsAppOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WebhookSignature(sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value.AppSecret));
        services.AddHttpClient<IGraphApiClient, GraphApiClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value.AttemptTimeout);

        // Transient like the typed client it holds, so the HttpClient factory can rotate handlers.
        services.TryAddTransient<ReplySender>();
        services.AddReplyOutbox(configuration);
        return services;
    }
}
