using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.ResourceManager;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Hosting;

public static class AzureClientsServiceCollectionExtensions
{
    /// <summary>
    /// Every Azure client of the backend, from this one registration: one <see cref="TokenCredential"/>, built once
    /// (a DefaultAzureCredential: the managed identity in Azure, the operator's sign-in on a workstation), and the
    /// named clients of <see cref="AzureClientNames"/>, each taken as <c>IAzureClientFactory&lt;TClient&gt;</c>:
    /// the app's account (blobs, queues, tables), the backup account (blobs, tables, the secondary's blobs) and the
    /// Key Vault; and the unnamed Resource Manager clients (<c>ArmClient</c> and <c>ArmRestClient</c>: restore targets, recovery drills). A client is built on first
    /// use from the validated options (<see cref="StorageAccount"/> decides between account name and connection
    /// string), then kept. The Cosmos DB clients take the same credential
    /// (<c>Data/CosmosClientFactory</c>). Every capability that needs a client calls this; the first call registers.
    /// </summary>
    public static IServiceCollection AddContinuityAzureClients(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        // First: AddAzureClients registers a NullLoggerFactory when none is there yet, which would silence a container
        // that adds logging after this call.
        services.AddLogging();
        // The SDK's event-source logs (each request at Information, each 404 or 409 at Warning) stay out of the app's
        // logs, as they did before this registration; Microsoft.Extensions.Azure would forward them all.
        services.TryAddSingleton(_ => new AzureEventSourceLogForwarder(NullLoggerFactory.Instance));
#pragma warning disable RS0030 // The one credential of the process: every other class takes it from here.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
#pragma warning restore RS0030

        services.AddAzureClients(clients =>
        {
            clients.UseCredential(provider => provider.GetRequiredService<TokenCredential>());

            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) => App(provider).Blobs(credential, options))
                .WithName(AzureClientNames.App);
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) => App(provider).Queues(credential, options))
                .WithName(AzureClientNames.App);
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) => App(provider).Tables(credential, options))
                .WithName(AzureClientNames.App);
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) => Region(provider).Blobs(credential, options))
                .WithName(AzureClientNames.Region);
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) => Region(provider).Queues(credential, options))
                .WithName(AzureClientNames.Region);
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) => Region(provider).Tables(credential, options))
                .WithName(AzureClientNames.Region);

            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) => Backup(provider).GetAccount().Blobs(credential, options))
                .WithName(AzureClientNames.Backup);
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) => Backup(provider).GetAccount().Tables(credential, options))
                .WithName(AzureClientNames.Backup);
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) => new BlobServiceClient(BackupSecondary(provider), credential, options))
                .WithName(AzureClientNames.BackupSecondary);

            clients.AddClient<SecretClient, SecretClientOptions>((options, credential, provider) => new SecretClient(KeyVault(provider), credential, options))
                .WithName(AzureClientNames.KeyVault);

            // The Log Analytics query API, unnamed: the SLA report reads the probe's events in Azure (Availability/Reporting).
            clients.AddClient<LogAnalyticsQueryClient, LogAnalyticsClientOptions>((options, credential, provider) =>
                new LogAnalyticsQueryClient(provider.GetRequiredService<IOptions<SlaReportOptions>>().Value.LogAnalyticsEndpointUri, credential, options));

            // Resource Manager (the public cloud), unnamed: restore targets on an account whose local auth is off
            // (Backup/Restore/Targets) and the recovery drills (Recovery/ResourceManager). The api-versions are pinned,
            // so no call asks the subscription for them; throttling is waited out on the app's clock (Arm/).
            clients.AddClient<ArmClient, ArmClientOptions>((options, credential, provider) => ArmClients.Create(credential, options, Time(provider)));
            // Its POST actions, collection reads and operation polls, which generic resources cannot make (Arm/ArmRestClient).
            clients.AddClient<ArmRestClient, ArmRestClientOptions>((options, credential, provider) => new ArmRestClient(credential, options, Time(provider)));
        });
        return services;
    }

    /// <summary>The app's clock: the registered one (tests put a fake one there), else the machine's.</summary>
    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static StorageAccount App(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.GetAccount();

    private static StorageAccount Region(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.GetRegionAccount();

    private static BackupOptions Backup(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<BackupOptions>>().Value;

    private static Uri BackupSecondary(IServiceProvider provider) =>
        Backup(provider).SecondaryBlobEndpoint is { Length: > 0 } endpoint
            ? new Uri(endpoint)
            : throw new InvalidOperationException("Backup:SecondaryBlobEndpoint is not set: there is no secondary to read.");

    private static Uri KeyVault(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<CryptoOptions>>().Value.KeyVaultUri is { } vault && !string.IsNullOrWhiteSpace(vault)
            ? new Uri(vault)
            : throw new InvalidOperationException("Crypto:KeyVaultUri is not set: the keyring comes from the local settings (Crypto:KekFile, Crypto:Kek).");

    /// <summary>Marks a collection that holds the registration, so a second call adds nothing.</summary>
    private sealed class Registered;
}
