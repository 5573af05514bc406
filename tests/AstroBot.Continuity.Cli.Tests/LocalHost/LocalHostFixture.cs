using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Sink;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// A real local host (Kestrel on a free loopback port) against the emulators, with its own queues, table,
/// container and database, and its own Graph API sink.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string AppSecret = "test-app-secret";
    public const string PhoneNumberId = "100000000000009";

    private WebApplication? app;

    public GraphApiSink Sink { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        app = ContinuityLocalHost.Build(Configuration(Sink.BaseUri), "http://127.0.0.1:0");
        await app.StartAsync();
        BaseUri = AddressOf(app);
    }

    /// <summary>The address Kestrel actually bound (the configured port is 0).</summary>
    internal static Uri AddressOf(WebApplication started) =>
        new(started.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Sink.DisposeAsync();
    }

    internal static IConfiguration Configuration(Uri sink, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Cosmos:Endpoint"] = EmulatorEndpoints.CosmosEndpoint,
            ["Cosmos:DatabaseName"] = EmulatorEndpoints.UniqueName("localhost"),
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = "test-verify-token",
            ["WhatsApp:AccessToken"] = "test-access-token",
            ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
            ["WhatsApp:GraphApiBaseUrl"] = sink.ToString(),
            ["FrontDoor:InboxQueueName"] = EmulatorEndpoints.UniqueName("inbox"),
            ["FrontDoor:BotQueueName"] = EmulatorEndpoints.UniqueName("bot"),
            ["FrontDoor:PoisonQueueName"] = EmulatorEndpoints.UniqueName("poison"),
            ["FrontDoor:ClaimCheckContainer"] = EmulatorEndpoints.UniqueName("bodies"),
            ["FrontDoor:LedgerTableName"] = EmulatorEndpoints.UniqueName("ledger"),
            ["FrontDoor:MaxPollInterval"] = "00:00:00.100",
            ["LocalHost:GraphSinkUrl"] = "",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
