using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Portability;

public static class PortabilityServiceCollectionExtensions
{
    /// <summary>
    /// Data portability: options (section "Portability", validated at start), the audit trail, export, import and
    /// erasure. Needs <c>AddBotData</c>, <c>AddContinuityStorage</c>, <c>AddContinuityCrypto</c> and <c>AddBackups</c>.
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
        services.TryAddSingleton<UserEraser>();
        return services;
    }
}
