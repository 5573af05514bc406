using System.Collections.Concurrent;
using System.Net;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Tests.Hosting;

public sealed class AzureClientsServiceCollectionExtensionsTests
{
    private const string Devstore = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static readonly Dictionary<string, string?> InAzure = new()
    {
        ["Storage:AccountName"] = "astrobotapp",
        ["Backup:AccountName"] = "astrobotbackup",
        ["Backup:SecondaryBlobEndpoint"] = "https://astrobotbackup-secondary.blob.core.windows.net",
        ["Crypto:KeyVaultUri"] = "https://astrobot-kv.vault.azure.net/",
        ["Cosmos:Endpoint"] = "https://astrobot.documents.azure.com:443/",
        ["Cosmos:Key"] = "",
    };

    [Fact]
    public void AddContinuityAzureClients_ConnectionStrings_NamedClientsPointAtAzurite()
    {
        using var sut = Build(new() { ["Storage:ConnectionString"] = Devstore, ["Backup:ConnectionString"] = Devstore });

        var app = sut.GetRequiredService<StorageClients>();
        var backup = sut.GetRequiredService<BackupStorage>();

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), app.Blobs.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), app.Queues.Uri);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", app.Tables.Uri.ToString().TrimEnd('/'));
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/backups"), backup.Archives.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/backups"), backup.Catalog.Uri);
        Assert.Same(app.Blobs, sut.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(AzureClientNames.App));
    }

    [Fact]
    public void AddContinuityAzureClients_AccountNames_EndpointsOfEachAccount()
    {
        using var sut = Build(InAzure);

        var app = sut.GetRequiredService<StorageClients>();
        var backup = sut.GetRequiredService<BackupStorage>();

        Assert.Equal(new Uri("https://astrobotapp.blob.core.windows.net/"), app.Blobs.Uri);
        Assert.Equal(new Uri("https://astrobotapp.queue.core.windows.net/"), app.Queues.Uri);
        Assert.Equal(new Uri("https://astrobotapp.table.core.windows.net/"), app.Tables.Uri);
        Assert.Equal(new Uri("https://astrobotbackup.blob.core.windows.net/backups"), backup.Archives.Uri);
        Assert.Equal(new Uri("https://astrobotbackup.table.core.windows.net/backups"), backup.Catalog.Uri);
        Assert.Equal(new Uri("https://astrobotbackup-secondary.blob.core.windows.net/"), backup.Secondary()!.Uri);
    }

    [Fact]
    public void AddContinuityAzureClients_KeyVaultUri_KeyRingReadsThatVault()
    {
        using var sut = Build(InAzure);

        var vault = sut.GetRequiredService<IAzureClientFactory<SecretClient>>().CreateClient(AzureClientNames.KeyVault);

        Assert.Equal(new Uri("https://astrobot-kv.vault.azure.net/"), vault.VaultUri);
        Assert.IsType<KeyVaultKeyRingSource>(sut.GetRequiredService<IKeyRingSource>());
    }

    [Fact]
    public void AddContinuityAzureClients_NoKeyVaultUri_NoVaultClientAndTheLocalKeyRing()
    {
        using var sut = Build([]);

        var failure = Assert.Throws<InvalidOperationException>(
            () => sut.GetRequiredService<IAzureClientFactory<SecretClient>>().CreateClient(AzureClientNames.KeyVault));

        Assert.Contains("Crypto:KeyVaultUri is not set", failure.Message, StringComparison.Ordinal);
        Assert.IsType<LocalKeyRingSource>(sut.GetRequiredService<IKeyRingSource>());
    }

    [Fact]
    public async Task AddContinuityAzureClients_AccountNames_EveryClientSignsInWithTheOneCredential()
    {
        var credential = new RecordingCredential();
        var service = new RecordingService();
        using var sut = Build(InAzure, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TokenCredential>(credential));
            services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
            {
                options.Transport = new HttpClientTransport(new HttpClient(service));
                options.Retry.MaxRetries = 0;
            }));
        });
        var backup = sut.GetRequiredService<BackupStorage>();
        var app = sut.GetRequiredService<StorageClients>();
        using var cosmos = sut.GetRequiredService<CosmosClientFactory>().Create(options =>
        {
            options.HttpClientFactory = () => new HttpClient(service);
            options.MaxRetryAttemptsOnRateLimitedRequests = 0;
        });

        await Attempt(() => app.Blobs.GetPropertiesAsync());
        await Attempt(() => app.Queues.GetPropertiesAsync());
        await Attempt(() => app.Tables.GetPropertiesAsync());
        await Attempt(() => backup.Archives.ExistsAsync());
        await Attempt(() => backup.Catalog.GetAccessPoliciesAsync());
        await Attempt(() => backup.Secondary()!.GetStatisticsAsync());
        await Attempt(() => sut.GetRequiredService<IAzureClientFactory<SecretClient>>().CreateClient(AzureClientNames.KeyVault).GetSecretAsync("backup-kek"));
        await Attempt(() => cosmos.ReadAccountAsync());

        Assert.Same(credential, sut.GetRequiredService<TokenCredential>());
        Assert.Equal(
            ["astrobot-kv.vault.azure.net", "astrobot.documents.azure.com", "astrobotapp.blob.core.windows.net", "astrobotapp.queue.core.windows.net",
             "astrobotapp.table.core.windows.net", "astrobotbackup-secondary.blob.core.windows.net", "astrobotbackup.blob.core.windows.net",
             "astrobotbackup.table.core.windows.net"],
            service.SignedHosts(RecordingCredential.Token).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddContinuityAzureClients_CalledByEachCapability_RegistersOnce()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        services.AddContinuityStorage(configuration).AddBotData(configuration).AddContinuityCrypto(configuration).AddBackups(configuration);

        Assert.Single(services, service => service.ServiceType == typeof(TokenCredential));
        Assert.Single(services, service => service.ServiceType == typeof(IAzureClientFactory<BlobServiceClient>));
    }

    [Fact]
    public void AddContinuityAzureClients_LoggingAddedAfterwards_StillLogs()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var sut = new ServiceCollection()
            .AddContinuityStorage(configuration)
            .AddLogging()
            .BuildServiceProvider();

        Assert.IsNotType<Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory>(sut.GetRequiredService<ILoggerFactory>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddContinuityCrypto(configuration)
            .AddBackups(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Sends one request; what the stand-in service answers does not matter, only what it was sent.</summary>
    private static async Task Attempt(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            // Refused by the stand-in, as expected.
        }
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public const string Token = "the-one-credential";

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>
    /// Stands in for every Azure service: records each request's host and authorization, answers a Key Vault
    /// request without a token with its authentication challenge, and refuses everything else.
    /// </summary>
    private sealed class RecordingService : HttpMessageHandler
    {
        private readonly ConcurrentQueue<(string Host, string Authorization)> requests = new();

        public IEnumerable<string> SignedHosts(string token) => requests
            .Where(request => Uri.UnescapeDataString(request.Authorization).Contains(token, StringComparison.Ordinal))
            .Select(request => request.Host)
            .Distinct();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : "";
            requests.Enqueue((request.RequestUri!.Host, authorization));
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = request };
            if (authorization.Length == 0 && request.RequestUri.Host.EndsWith(".vault.azure.net", StringComparison.Ordinal))
            {
                response.StatusCode = HttpStatusCode.Unauthorized;
                response.Headers.TryAddWithoutValidation(
                    "WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/tenant\", resource=\"https://vault.azure.net\"");
            }

            return Task.FromResult(response);
        }
    }
}
