using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Availability.Reporting.LogAnalytics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaReportingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSlaReport_NoWorkspace_ReadsTheProbeTable()
    {
        using var services = Build([]);

        Assert.IsType<ProbeTableObservations>(services.GetRequiredService<IProbeObservationSource>());
        Assert.NotNull(services.GetRequiredService<SlaReporter>());
    }

    [Fact]
    public async Task AddSlaReport_AWorkspace_QueriesLogAnalyticsWithTheAppsOneCredential()
    {
        var service = new RecordedLogAnalytics(RecordedLogAnalytics.Table(["Wamid", "Region", "Up", "ProbeError"]));
        using var services = Build(
            new() { ["Availability:LogAnalyticsWorkspaceId"] = RecordedLogAnalytics.WorkspaceId },
            collection =>
            {
                collection.Replace(ServiceDescriptor.Singleton<TokenCredential>(service.Credential));
                collection.AddAzureClients(clients => clients.ConfigureDefaults(options =>
                {
                    options.Transport = new HttpClientTransport(new HttpClient(service));
                    options.Retry.MaxRetries = 0;
                }));
            });

        var sut = services.GetRequiredService<IProbeObservationSource>();
        await sut.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);

        Assert.IsType<LogAnalyticsProbeObservations>(sut);
        var request = Assert.Single(service.Requests);
        Assert.Equal($"https://api.loganalytics.io/v1/workspaces/{RecordedLogAnalytics.WorkspaceId}/query", request.Url.ToString());
        Assert.Equal($"Bearer {RecordedLogAnalytics.Token}", request.Authorization);
        Assert.Contains(LogAnalyticsQueryClient.Scope, service.Credential.Scopes);
    }

    [Fact]
    public void AddSlaReport_ABadWorkspaceId_FailsNamingTheSetting()
    {
        using var services = Build(new() { ["Availability:LogAnalyticsWorkspaceId"] = "astrobot-logs" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlaReportOptions>>().Value);

        Assert.Contains("Availability:LogAnalyticsWorkspaceId", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings["Storage:ConnectionString"] = Fixtures.EmulatorEndpoints.StorageConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddContinuityStorage(configuration).AddAvailabilityProbe(configuration).AddSlaReport(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
