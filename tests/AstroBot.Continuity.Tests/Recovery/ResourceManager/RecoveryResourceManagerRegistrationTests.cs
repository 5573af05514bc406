using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary><c>AddRecoveryResourceManager</c>: its options validate when first read, its services use the one Azure-clients registration.</summary>
public sealed class RecoveryResourceManagerRegistrationTests
{
    private static readonly Dictionary<string, string?> InAzure = new()
    {
        ["Recovery:ResourceManager:SubscriptionId"] = Subscription,
        ["Recovery:ResourceManager:ResourceGroup"] = ResourceGroup,
        ["Recovery:ResourceManager:CosmosAccountName"] = Account,
        ["Recovery:ResourceManager:FrontDoorProfileName"] = RecoveryArmAnswers.Profile,
    };

    [Fact]
    public void AddRecoveryResourceManager_NoSetting_StartsAndRefusesOnlyWhenADrillReadsTheOptions()
    {
        using var sut = Build([]);

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<RecoveryArmOptions>>().Value);

        Assert.Contains("Recovery:ResourceManager:SubscriptionId is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Recovery:ResourceManager:FrontDoorProfileName is required", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SubscriptionId", "astrobot-prod", "must be a subscription id")]
    [InlineData("ResourceGroup", "astrobot prod", "must be a resource group name")]
    [InlineData("CosmosAccountName", "Astrobot", "must be a Cosmos DB account name")]
    [InlineData("FrontDoorProfileName", "-afd", "must be a Front Door name")]
    [InlineData("OriginGroupName", "function_apps", "must be a Front Door name")]
    [InlineData("PollInterval", "00:10:00", "must be between 0 and 5 minutes")]
    public void AddRecoveryResourceManager_BadSetting_FailsValidationNamingIt(string setting, string value, string message)
    {
        using var sut = Build(new(InAzure) { [$"Recovery:ResourceManager:{setting}"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<RecoveryArmOptions>>().Value);

        Assert.Contains($"Recovery:ResourceManager:{setting} {message}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecoveryResourceManager_Settings_DrillsThroughTheOneRegistration()
    {
        var arm = new RecordedArm().On("GET", AccountPath, RecoveryArmAnswers.AccountInRegions());
        using var sut = Build(InAzure, services => services.AddAzureClients(clients =>
            clients.ConfigureDefaults(options => options.Transport = new HttpClientTransport(new HttpClient(arm)))));

        var regions = await sut.GetRequiredService<CosmosAccountRegions>().ReadAsync(CancellationToken.None);

        Assert.Equal("West Europe", regions.WriteRegion.Name);
        Assert.Equal(TimeSpan.FromSeconds(10), sut.GetRequiredService<IOptions<RecoveryArmOptions>>().Value.PollInterval);
        Assert.Equal("function-apps", sut.GetRequiredService<IOptions<RecoveryArmOptions>>().Value.OriginGroupName);
        Assert.NotNull(sut.GetRequiredService<CosmosFailover>());
        Assert.NotNull(sut.GetRequiredService<FrontDoorOrigins>());
        Assert.NotNull(sut.GetRequiredService<CosmosNativeRestore>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddRecoveryResourceManager(configuration);
        services.Replace(ServiceDescriptor.Singleton<TokenCredential>(new RecordedArm.StaticCredential()));
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
