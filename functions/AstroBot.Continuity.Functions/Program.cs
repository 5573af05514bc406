using AstroBot.Continuity.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The production host: thin triggers over the core library (ContinuityFunctionsApp holds the registrations).
var builder = ContinuityFunctionsApp.Configure(FunctionsApplication.CreateBuilder(args));
await builder.Build().RunAsync().ConfigureAwait(false);
