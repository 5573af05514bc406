using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Functions;

/// <summary>
/// The Functions app's registrations, in one place: <c>Program</c> runs them, and a test builds and validates the
/// same service graph, so what is deployed is what is tested.
/// </summary>
public static class ContinuityFunctionsApp
{
    /// <summary>Thin triggers over the core library, with the same registrations as <c>continuity serve</c>.</summary>
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddContinuityBackend(builder.Configuration);
        return builder;
    }
}
