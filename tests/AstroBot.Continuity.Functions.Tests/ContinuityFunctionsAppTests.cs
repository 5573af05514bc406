using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.WhatsApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// The Functions app's real service graph, from the registrations <c>Program</c> runs: every service resolvable, no
/// singleton holding a scoped service. A registration the app misses fails here, not at the first webhook in Azure.
/// </summary>
public class ContinuityFunctionsAppTests
{
    [Fact]
    public void Configure_TheAppsServiceGraph_BuildsWithEveryServiceValidated()
    {
        using var sut = BuildValidated();

        Assert.NotNull(sut.GetRequiredService<WebhookEndpoint>());
        Assert.NotNull(sut.GetRequiredService<InboxProcessor>());
        Assert.NotNull(sut.GetRequiredService<IdentityResolver>());
        Assert.NotNull(sut.GetRequiredService<BackupRunner>());
        Assert.NotNull(sut.GetRequiredService<ExportScheduler>());
        Assert.NotNull(sut.GetRequiredService<PoisonQueueWatch>());
    }

    [Fact]
    public void Configure_TheAppsServiceGraph_RegistersNoLocalStandIn()
    {
        // Read from the registrations, not resolved: the worker's own hosted services need the Functions host to talk to.
        var registered = Configured().Services.Select(service => service.ImplementationType?.FullName ?? service.ServiceType.FullName ?? "");

        Assert.DoesNotContain(registered, name => name.StartsWith("AstroBot.Continuity.Local", StringComparison.Ordinal));
        Assert.Contains(typeof(InboxProcessor).FullName, registered);
    }

    private static ServiceProvider BuildValidated() =>
        Configured().Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static FunctionsApplicationBuilder Configured()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["WhatsApp:AppSecret"] = "secret";
        builder.Configuration["WhatsApp:VerifyToken"] = "token";
        builder.Configuration["WhatsApp:AccessToken"] = "token";
        builder.Configuration["WhatsApp:PhoneNumberId"] = "100000000000001";
        return ContinuityFunctionsApp.Configure(builder);
    }
}
