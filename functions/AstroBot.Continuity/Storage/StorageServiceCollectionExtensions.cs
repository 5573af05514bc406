using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="StorageOptions"/> and registers <see cref="StorageClients"/>.</summary>
    public static IServiceCollection AddContinuityStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<StorageClients>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
