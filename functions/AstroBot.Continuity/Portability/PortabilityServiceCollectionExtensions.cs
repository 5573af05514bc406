using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Portability;

public static class PortabilityServiceCollectionExtensions
{
    /// <summary>
    /// Data portability: options (section "Portability", validated at start), the audit trail, export, import and
    /// erasure, and the WhatsApp side: EXPORT and DELETE MY DATA with their YES confirmation, export links, the export
    /// request queue and the export orchestration's activities. Needs <c>AddBotData</c>, <c>AddContinuityStorage</c>,
    /// <c>AddContinuityCrypto</c>, <c>AddBackups</c>, <c>AddWhatsApp</c> and <c>AddFrontDoor</c>.
    /// </summary>
    public static IServiceCollection AddPortability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortabilityOptions>()
            .Bind(configuration.GetSection(PortabilityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<UserDataReader>();
        services.TryAddSingleton<UserExporter>();
        services.TryAddSingleton<UserImporter>();
        services.TryAddSingleton<ImportEndpoint>();
        services.TryAddSingleton<UserEraser>();

        // Links and the record of exports.
        services.TryAddSingleton<ExportBlobs>();
        services.TryAddSingleton<ExportRecords>();
        services.TryAddSingleton<ExportLinkSigner>();

        // WhatsApp. Whatever sends replies is transient, like ReplySender, whose typed HttpClient the factory rotates.
        services.TryAddSingleton<PendingConfirmations>();
        services.TryAddSingleton<ExportRequestQueue>();
        services.TryAddSingleton<ExportScheduler>();
        services.TryAddTransient<WhatsAppExports>();
        services.TryAddTransient<WhatsAppErasure>();
        services.TryAddTransient<BuildExportActivity>();
        services.TryAddTransient<DeliverExportActivity>();
        services.TryAddTransient<FailExportActivity>();
        services.AddTransient<IContinuityCommandHandler, ExportCommandHandler>();
        services.AddTransient<IContinuityCommandHandler, DeleteMyDataCommandHandler>();
        services.AddTransient<IConfirmationGate, PortabilityConfirmationGate>();
        return services;
    }
}
