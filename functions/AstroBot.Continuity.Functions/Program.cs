using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The production host: thin triggers over the core library, the same registrations as `continuity serve`.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddContinuityBackend(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
