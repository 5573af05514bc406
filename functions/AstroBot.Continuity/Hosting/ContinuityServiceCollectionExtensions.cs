using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Availability.Health;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Observability;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Hosting;

public static class ContinuityServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts run, registered once: the Functions app's Program.cs and <c>continuity serve</c>
    /// call this, so they cannot drift apart.
    /// </summary>
    public static IServiceCollection AddContinuityBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddContinuityTelemetry(configuration)
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddWhatsApp(configuration)
            .AddIdentity(configuration)
            .AddFrontDoor(configuration)
            .AddContinuityCrypto(configuration)
            .AddBackups(configuration)
            .AddPortability(configuration)
            .AddRecovery(configuration);
        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton<HealthEndpoint>();
        return services;
    }
}
