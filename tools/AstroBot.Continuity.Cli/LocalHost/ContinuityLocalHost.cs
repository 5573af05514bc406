using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Health;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Status;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Local.Backup;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Availability;
using AstroBot.Continuity.Local.Availability.Probe;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Local.Portability;
using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Local.Recovery;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using AstroBot.Continuity.Recovery.Failover;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>
/// <c>continuity serve</c>: the Functions app's HTTP handlers, queue processing and timer schedules on Kestrel,
/// against the local emulators, for people without the Azure Functions Core Tools.
/// </summary>
internal static class ContinuityLocalHost
{
    /// <param name="configuration">The host's settings.</param>
    /// <param name="urls">Where Kestrel listens, instead of <c>LocalHost:Urls</c>.</param>
    /// <param name="workers">The background work to run beside the routes: all of it for <c>continuity serve</c>.</param>
    /// <param name="time">The host's clock, when not the system's (tests that place probe runs in a chosen minute).</param>
    /// <param name="replace">Registrations made after the host's own, which they replace (a test's narrow fake of one seam).</param>
    public static WebApplication Build(
        IConfiguration configuration, string? urls = null, LocalHostWorkers workers = LocalHostWorkers.All, TimeProvider? time = null, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

        var options = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        builder.WebHost.UseUrls(urls ?? options.Urls);

        var services = builder.Services;
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (time is not null)
        {
            services.AddSingleton(time); // before the backend, whose own registration of the system clock yields to it
        }

        services.AddContinuityBackend(configuration);
        services.AddLocalProbeTarget(); // the probe's default target: this host's own address (docs/availability.md, "Probe")
        services.AddSeedWriter(); // what `continuity seed` writes with, for tests that seed through the local host
        services.AddLocalReplicationLag(); // the failover drill's: nothing replicates between the local regions
        // The sink starts first so replies sent during start-up have somewhere to go.
        services.AddHostedService<GraphApiSinkService>();
        services.AddHostedService<LocalCosmosInitializer>();
        if (workers.HasFlag(LocalHostWorkers.Inbox))
        {
            services.AddLocalInboxWorkers();
        }

        if (workers.HasFlag(LocalHostWorkers.Exports))
        {
            services.AddPortabilityLocalWorkers();
        }

        if (workers.HasFlag(LocalHostWorkers.Schedules))
        {
            services.AddSingleton<ScheduleLedger>();
            services.AddHostedService<ScheduledJobRunner>(); // the Functions app's timer triggers, same schedule settings: every IScheduledJob, backups included
            services.AddLocalBackupSchedules();
            services.AddLocalDrillSchedules();
        }

        var durable = (workers & (LocalHostWorkers.Exports | LocalHostWorkers.Schedules)) != 0;
        if (durable)
        {
            // The Functions app's Durable backups, restores and exports, on the real Durable Task engine in memory (they
            // do not survive a restart here: a backup is resumed from its checkpoints by the next start, a restore by
            // its restore id).
            InMemoryDurableEngine.Add(services, tasks => tasks.AddBackupTasks().AddPortabilityTasks().AddDrillTasks());
            services.AddSingleton<IProbeRecordObserver, ProbeFailoverTrigger>(); // the probe signals the automated failover through the engine's client
        }

        replace?.Invoke(services);
        var app = builder.Build();
        MapRoutes(app, durable);
        return app;
    }

    /// <param name="durable">Whether the Durable Task engine runs here, which starting a drill needs.</param>
    private static void MapRoutes(WebApplication app, bool durable)
    {
        var api = app.MapGroup("/" + HttpRoutes.Prefix);
        api.MapGet(HttpRoutes.Health, HealthEndpoint.Alive);
        api.MapGet(HttpRoutes.HealthReady, (HealthEndpoint health, CancellationToken cancellationToken) => health.ReadyAsync(cancellationToken));
        // Loopback only, like everything the local host serves; in Azure the route takes a function key.
        api.MapGet(HttpRoutes.BackupStatus, (BackupStatusEndpoint status, CancellationToken cancellationToken) => status.GetAsync(cancellationToken));
        api.MapPost(HttpRoutes.PortabilityImport, (HttpRequest request, ImportEndpoint import, CancellationToken cancellationToken) => import.PostAsync(request, cancellationToken));
        api.MapGet(HttpRoutes.Maintenance, (MaintenanceEndpoint maintenance, CancellationToken cancellationToken) => maintenance.GetAsync(cancellationToken));
        api.MapPost(HttpRoutes.Maintenance, (HttpRequest request, MaintenanceEndpoint maintenance, CancellationToken cancellationToken) => maintenance.PostAsync(request, cancellationToken));
        api.MapDelete(HttpRoutes.Maintenance, (HttpRequest request, MaintenanceEndpoint maintenance, CancellationToken cancellationToken) => maintenance.DeleteAsync(request, cancellationToken));
        api.MapGet(HttpRoutes.Incidents, (IncidentEndpoint incidents, CancellationToken cancellationToken) => incidents.GetAsync(cancellationToken));
        api.MapPost(HttpRoutes.Incidents, (HttpRequest request, IncidentEndpoint incidents, CancellationToken cancellationToken) => incidents.OpenAsync(request, cancellationToken));
        api.MapPost(HttpRoutes.IncidentsResolve, (HttpRequest request, IncidentEndpoint incidents, CancellationToken cancellationToken) => incidents.ResolveAsync(request, cancellationToken));
        if (durable)
        {
            // A fired alert is also a signal to the automated failover, which runs on the Durable engine.
            api.MapPost(HttpRoutes.IncidentsAlert, (HttpRequest request, IncidentEndpoint incidents, DurableTaskClient client, CancellationToken cancellationToken) =>
                incidents.AlertAsync(request, client, cancellationToken));
            api.MapGet(HttpRoutes.Failover, (FailoverEndpoint failover, DurableTaskClient client, CancellationToken cancellationToken) => failover.GetAsync(client, cancellationToken));
            api.MapPost(HttpRoutes.FailoverApprove, (HttpRequest request, FailoverEndpoint failover, DurableTaskClient client, CancellationToken cancellationToken) =>
                failover.AnswerAsync(request, approve: true, client, cancellationToken));
            api.MapPost(HttpRoutes.FailoverReject, (HttpRequest request, FailoverEndpoint failover, DurableTaskClient client, CancellationToken cancellationToken) =>
                failover.AnswerAsync(request, approve: false, client, cancellationToken));
        }
        else
        {
            api.MapPost(HttpRoutes.IncidentsAlert, (HttpRequest request, IncidentEndpoint incidents, CancellationToken cancellationToken) => incidents.AlertAsync(request, cancellationToken));
        }
        // Public, as in Azure (anonymous functions); every method reaches the endpoint, which answers 405 to all but GET and HEAD.
        api.Map(HttpRoutes.Status, (HttpRequest request, StatusEndpoint status, CancellationToken cancellationToken) => status.GetJsonAsync(request, cancellationToken));
        api.Map(HttpRoutes.StatusPage, (HttpRequest request, StatusEndpoint status, CancellationToken cancellationToken) => status.GetPageAsync(request, cancellationToken));
        api.MapGet(HttpRoutes.SlaReport, (HttpRequest request, SlaReportEndpoint report, CancellationToken cancellationToken) => report.GetAsync(request, cancellationToken));
        api.MapGet(HttpRoutes.Drills, (DrillEndpoint drills, CancellationToken cancellationToken) => drills.ListAsync(cancellationToken));
        api.MapGet(HttpRoutes.Drill, (string id, DrillEndpoint drills, CancellationToken cancellationToken) => drills.GetAsync(id, cancellationToken));
        api.MapGet(HttpRoutes.DrillReport, (string id, HttpRequest request, DrillReportEndpoint report, CancellationToken cancellationToken) => report.GetAsync(request, id, cancellationToken));
        if (durable)
        {
            api.MapPost(HttpRoutes.DrillStart, (string kind, HttpRequest request, DrillEndpoint drills, DurableTaskClient client, CancellationToken cancellationToken) =>
                drills.StartAsync(request, kind, client, managementUrls: null, cancellationToken));
        }

        api.MapGet(HttpRoutes.WhatsAppWebhook, (HttpRequest request, WebhookEndpoint webhook) => webhook.HandleVerification(request));
        api.MapPost(HttpRoutes.WhatsAppWebhook, (HttpRequest request, WebhookEndpoint webhook, CancellationToken cancellationToken) => webhook.HandleDeliveryAsync(request, cancellationToken));
    }
}
