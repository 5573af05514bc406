using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Hosting;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>
/// The backend's registration (<c>AddContinuityBackend</c>) picks the provisioner <c>Backup:RestoreTarget:Provisioner</c>
/// names, and refuses, naming the setting, Resource Manager without the account's coordinates or with bad ones.
/// </summary>
public sealed class RestoreTargetRegistrationTests
{
    private static readonly Dictionary<string, string?> InAzure = new()
    {
        ["Cosmos:Endpoint"] = $"https://{Account}.documents.azure.com:443/",
        ["Cosmos:Key"] = "",
        ["Backup:RestoreTarget:Provisioner"] = "ResourceManager",
        ["Backup:RestoreTarget:SubscriptionId"] = Subscription,
        ["Backup:RestoreTarget:ResourceGroup"] = ResourceGroup,
        ["Backup:RestoreTarget:AccountName"] = Account,
    };

    [Fact]
    public void AddContinuityBackend_NoSetting_CreatesTargetsThroughTheDataPlane()
    {
        using var sut = Build([]);

        Assert.IsType<DataPlaneRestoreTargets>(sut.GetRequiredService<IRestoreTargetProvisioner>());
        Assert.Equal(RestoreTargetProvisionerKind.DataPlane, sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value.Provisioner);
    }

    [Theory]
    [InlineData("ResourceManager")]
    [InlineData("resourcemanager")]
    public void AddContinuityBackend_ResourceManager_CreatesTargetsThroughResourceManager(string value)
    {
        using var sut = Build(With(("Backup:RestoreTarget:Provisioner", value)));

        Assert.IsType<ResourceManagerRestoreTargets>(sut.GetRequiredService<IRestoreTargetProvisioner>());
    }

    [Fact]
    public void AddContinuityBackend_DataPlaneWithoutCoordinates_IsValid()
    {
        using var sut = Build(new() { ["Backup:RestoreTarget:Provisioner"] = "DataPlane" });

        Assert.Equal(TimeSpan.FromSeconds(2), sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value.PollingInterval);
    }

    [Fact]
    public async Task AddContinuityBackend_ResourceManager_SignsInWithTheOneCredentialAndPinsTheApiVersion()
    {
        var arm = new RecordedArm().On("DELETE", DatabasePath("scratch"), NotFound());
        var credential = new OneCredential();
        using var sut = Build(InAzure, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TokenCredential>(credential));
            services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.Transport = new HttpClientTransport(new HttpClient(arm))));
        });

        await sut.GetRequiredService<IRestoreTargetProvisioner>().DeleteAsync("scratch", CancellationToken.None);

        var request = Assert.Single(arm.Requests);
        Assert.Equal(("DELETE", DatabasePath("scratch"), CosmosArm.ApiVersion), (request.Method, request.Path, request.ApiVersion));
        Assert.Equal($"Bearer {OneCredential.Token}", request.Authorization);
        // Resource Manager's scope (Azure.ResourceManager 1.7.0 spells it with a double slash, which Entra ID accepts).
        Assert.Equal(["https://management.azure.com//.default"], credential.Scopes.Distinct());
    }

    [Theory]
    [InlineData("Backup:RestoreTarget:SubscriptionId")]
    [InlineData("Backup:RestoreTarget:ResourceGroup")]
    [InlineData("Backup:RestoreTarget:AccountName")]
    public void AddContinuityBackend_ResourceManagerWithoutACoordinate_FailsValidationNamingIt(string setting)
    {
        using var sut = Build(With((setting, null)));

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value);

        Assert.Contains($"{setting} is required when Backup:RestoreTarget:Provisioner is ResourceManager", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Backup:RestoreTarget:SubscriptionId", "astrobot-prod", "Backup:RestoreTarget:SubscriptionId must be a subscription id")]
    [InlineData("Backup:RestoreTarget:SubscriptionId", "{6b1f7c2e-3d4a-4f5b-9c8d-0e1f2a3b4c5d}", "Backup:RestoreTarget:SubscriptionId must be a subscription id")]
    [InlineData("Backup:RestoreTarget:ResourceGroup", "astrobot prod", "Backup:RestoreTarget:ResourceGroup must be a resource group name")]
    [InlineData("Backup:RestoreTarget:ResourceGroup", "astrobot-prod.", "Backup:RestoreTarget:ResourceGroup must be a resource group name")]
    [InlineData("Backup:RestoreTarget:AccountName", "Astrobot-Cosmos", "Backup:RestoreTarget:AccountName must be a Cosmos DB account name")]
    [InlineData("Backup:RestoreTarget:AccountName", "ab", "Backup:RestoreTarget:AccountName must be a Cosmos DB account name")]
    [InlineData("Backup:RestoreTarget:AccountName", "-astrobot", "Backup:RestoreTarget:AccountName must be a Cosmos DB account name")]
    [InlineData("Backup:RestoreTarget:Provisioner", "7", "Backup:RestoreTarget:Provisioner must be DataPlane or ResourceManager")]
    [InlineData("Backup:RestoreTarget:PollingInterval", "00:05:00", "Backup:RestoreTarget:PollingInterval must be between 0 and 1 minute")]
    [InlineData("Backup:RestoreTarget:PollingInterval", "-00:00:01", "Backup:RestoreTarget:PollingInterval must be between 0 and 1 minute")]
    public void AddContinuityBackend_BadRestoreTargetSetting_FailsValidationNamingIt(string setting, string value, string message)
    {
        using var sut = Build(With((setting, value)));

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddContinuityBackend_ProvisionerNotAName_FailsNamingTheSetting()
    {
        using var sut = Build(With(("Backup:RestoreTarget:Provisioner", "Arm")));

        var failure = Assert.Throws<InvalidOperationException>(() => sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value);

        Assert.Contains("Backup:RestoreTarget:Provisioner", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddContinuityBackend_AccountOtherThanTheEndpoints_FailsValidationNamingBoth()
    {
        using var sut = Build(With(("Backup:RestoreTarget:AccountName", "astrobot-dev-cosmos-x7")));

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value);

        Assert.Contains(
            $"Backup:RestoreTarget:AccountName is 'astrobot-dev-cosmos-x7' but Cosmos:Endpoint is account '{Account}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddContinuityBackend_ResourceManagerAgainstALocalEndpoint_IsNotCheckedAgainstIt()
    {
        // Only an Azure endpoint names its account; an operator may point the data plane at a tunnel or a proxy.
        using var sut = Build(With(("Cosmos:Endpoint", "https://127.0.0.1:8081"), ("Cosmos:Key", null)));

        Assert.Equal(Account, sut.GetRequiredService<IOptions<RestoreTargetOptions>>().Value.AccountName);
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(InAzure);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddContinuityBackend(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class OneCredential : TokenCredential
    {
        public const string Token = "the-one-credential";

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new(Token, DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
