using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Availability.Health;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Observability;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The production host: thin triggers over the core library, the same registrations as `continuity serve`.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var configuration = builder.Configuration;
builder.Services
    .AddContinuityTelemetry(configuration)
    .AddContinuityStorage(configuration)
    .AddBotData(configuration)
    .AddWhatsApp(configuration)
    .AddFrontDoor(configuration)
    .AddSingleton<StorageReadiness>()
    .AddSingleton<HealthEndpoint>();

await builder.Build().RunAsync().ConfigureAwait(false);
