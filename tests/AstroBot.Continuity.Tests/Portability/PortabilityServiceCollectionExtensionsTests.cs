using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Portability;

public sealed class PortabilityServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPortability_WithItsDependencies_ResolvesEveryService()
    {
        using var sut = Build([]);

        Assert.NotNull(sut.GetRequiredService<AuditTrail>());
        Assert.NotNull(sut.GetRequiredService<UserDataReader>());
        Assert.NotNull(sut.GetRequiredService<UserExporter>());
        Assert.NotNull(sut.GetRequiredService<UserImporter>());
        Assert.NotNull(sut.GetRequiredService<ImportEndpoint>());
        Assert.NotNull(sut.GetRequiredService<UserEraser>());
        Assert.Same(sut.GetRequiredService<UserExporter>(), sut.GetRequiredService<UserExporter>());
    }

    [Fact]
    public void AddPortability_NoSettings_UsesTheDocumentedDefaults()
    {
        using var sut = Build([]);

        var options = sut.GetRequiredService<IOptions<PortabilityOptions>>().Value;
        Assert.Equal(("exports", "audit", TimeSpan.FromHours(24)), (options.ExportContainerName, options.AuditTableName, options.LinkLifetime));
    }

    [Theory]
    [InlineData("Portability:AuditTableName", "no-dashes", "AuditTableName")]
    [InlineData("Portability:AuditTableName", "1starts", "AuditTableName")]
    [InlineData("Portability:ExportContainerName", "Upper", "ExportContainerName")]
    [InlineData("Portability:LinkLifetime", "00:01:00", "LinkLifetime")]
    [InlineData("Portability:LinkLifetime", "8.00:00:00", "LinkLifetime")]
    public void AddPortability_InvalidSetting_FailsValidationNamingIt(string key, string value, string named)
    {
        using var sut = Build(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IOptions<PortabilityOptions>>().Value);

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Cosmos:Endpoint", Fixtures.EmulatorEndpoints.CosmosEndpoint);
        settings.TryAdd("Cosmos:Key", Fixtures.EmulatorEndpoints.CosmosKey);
        settings.TryAdd("Cosmos:DatabaseName", "portability");
        settings.TryAdd("Crypto:Kek", Convert.ToBase64String(new byte[32]));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddContinuityCrypto(configuration)
            .AddBackups(configuration)
            .AddWhatsApp(configuration)
            .AddIdentity(configuration)
            .AddFrontDoor(configuration)
            .AddPortability(configuration)
            .BuildServiceProvider();
    }
}
