using System.Security.Cryptography;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Cli.Tests.Commands;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// A real local host (Kestrel on a free loopback port) against the emulators, with its own queues, tables,
/// containers, database and key-encryption key, and its own Graph API sink. Its database, backup and export
/// containers, and backup and portability tables are dropped at the end.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string AppSecret = "test-app-secret";
    public const string PhoneNumberId = "100000000000009";

    private const string Never = "0 0 0 31 2 *";

    private WebApplication? app;

    public GraphApiSink Sink { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The running host's services, for what tests drive directly (the Durable Task client, the backup runner).</summary>
    public IServiceProvider Services => app!.Services;

    public IConfiguration Settings { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        Settings = Configuration(Sink.BaseUri);
        app = ContinuityLocalHost.Build(Settings, "http://127.0.0.1:0");
        await app.StartAsync();
        BaseUri = AddressOf(app);
    }

    /// <summary>The operator's CLI in-process, with this host's settings, as an operator next to the host would run it.</summary>
    public async Task<CliRun> InvokeCliAsync(params string[] args)
    {
        var settings = Settings.AsEnumerable().Where(pair => pair.Value is not null).SelectMany(pair => new[] { "--config", $"{pair.Key}={pair.Value}" });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ContinuityCommandLine.InvokeAsync([.. args, .. settings], new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
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
            await DropAsync(app.Services);
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
            ["Outbox:TableName"] = EmulatorEndpoints.UniqueName("outbox"),
            ["Incidents:TableName"] = EmulatorEndpoints.UniqueName("incidents"),
            ["Availability:ProbeTableName"] = EmulatorEndpoints.UniqueName("probes"),
            ["FrontDoor:MaxPollInterval"] = "00:00:00.100",
            ["LocalHost:GraphSinkUrl"] = "",
            ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName("backups"),
            ["Backup:CatalogTableName"] = EmulatorEndpoints.UniqueName("catalog"),
            ["Backup:RestoreTableName"] = EmulatorEndpoints.UniqueName("restores"),
            ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
            ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
            ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Portability:ExportContainerName"] = EmulatorEndpoints.UniqueName("exports"),
            ["Portability:ExportTableName"] = EmulatorEndpoints.UniqueName("exports"),
            ["Portability:AuditTableName"] = EmulatorEndpoints.UniqueName("audit"),
            ["Portability:ConfirmationTableName"] = EmulatorEndpoints.UniqueName("confirmations"),
            ["Portability:ExportRequestQueueName"] = EmulatorEndpoints.UniqueName("exportrequests"),
            ["Identity:DirectoryTableName"] = EmulatorEndpoints.UniqueName("identities"),
            ["Recovery:DrillTableName"] = EmulatorEndpoints.UniqueName("drills"),
        };
        // Schedules that never fire (there is no 31 February), so a catch-up backup at start never races a test's
        // own run for the backup lease; the schedules themselves are ScheduledJobRunner's tests' business.
        foreach (var schedule in Schedules.All)
        {
            settings[schedule.SettingName] = Never;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    internal static async Task DropAsync(IServiceProvider services)
    {
        var cosmos = services.GetRequiredService<CosmosClient>();
        await DropDatabaseAsync(cosmos, services.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName);
        var backups = services.GetRequiredService<BackupStorage>();
        await backups.Archives.DeleteIfExistsAsync();
        foreach (var table in new[] { backups.Catalog, backups.Restores, backups.Erasures })
        {
            await table.DeleteAsync();
        }

        var storage = services.GetRequiredService<StorageClients>();
        var portability = services.GetRequiredService<IOptions<PortabilityOptions>>().Value;
        await storage.Blobs.GetBlobContainerClient(portability.ExportContainerName).DeleteIfExistsAsync();
        await storage.Queues.GetQueueClient(portability.ExportRequestQueueName).DeleteIfExistsAsync();
        var identities = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var outbox = services.GetRequiredService<ReplyOutbox>().TableName;
        var incidents = services.GetRequiredService<IOptions<IncidentOptions>>().Value;
        var probes = services.GetRequiredService<IOptions<ProbeOptions>>().Value;
        var drills = services.GetRequiredService<IOptions<RecoveryOptions>>().Value;
        foreach (var table in new[] { portability.ExportTableName, portability.AuditTableName, portability.ConfirmationTableName, identities.DirectoryTableName, outbox, incidents.TableName, probes.ProbeTableName, drills.DrillTableName })
        {
            await storage.Tables.DeleteTableAsync(table);
        }
    }

    internal static async Task DropDatabaseAsync(CosmosClient cosmos, string database)
    {
        try
        {
            await cosmos.GetDatabase(database).DeleteAsync();
        }
        catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never created.
        }
    }
}
