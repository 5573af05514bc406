using AstroBot.Continuity.Hosting;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> and registers <see cref="StorageClients"/>, the app account's
    /// clients of <c>AddContinuityAzureClients</c>.
    /// </summary>
    public static IServiceCollection AddContinuityStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddContinuityAzureClients();
        services.TryAddSingleton(provider => new StorageClients(
            provider.GetRequiredService<IAzureClientFactory<BlobServiceClient>>(),
            provider.GetRequiredService<IAzureClientFactory<QueueServiceClient>>(),
            provider.GetRequiredService<IAzureClientFactory<TableServiceClient>>()));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
