using System.CommandLine;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>The backend's services for one command, registered as both hosts register them (<c>AddContinuityBackend</c>).</summary>
internal static class BackendServices
{
    /// <summary>
    /// Nothing is started (no hosted services): commands call the services they need. Settings are validated when a
    /// service first reads them, and a bad one surfaces as exit code 2.
    /// </summary>
    public static ServiceProvider Build(ParseResult parseResult) =>
        Build(GlobalOptions.Configuration(parseResult), (parseResult.InvocationConfiguration as ContinuityInvocation)?.Time);

    /// <summary>The services for <paramref name="configuration"/>; tests set up their world with the same registration.</summary>
    /// <param name="time">The clock, when not the system's (<see cref="ContinuityInvocation.Time"/>).</param>
    public static ServiceProvider Build(IConfiguration configuration, TimeProvider? time = null) =>
        Register(new ServiceCollection(), configuration, time).BuildServiceProvider();

    /// <summary>Adds the command's backend to <paramref name="services"/>: for a command that runs a host of its own (<c>drill run</c>).</summary>
    public static IServiceCollection Register(IServiceCollection services, IConfiguration configuration, TimeProvider? time) =>
        Clock(services, time)
            .AddSingleton(configuration)
            .AddLogging(logging => logging
                // Warnings only, and on stderr: progress bars stay readable and --json output stays parseable.
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddContinuityBackend(configuration);

    // Registered before the backend, whose own registration of the system clock yields to it.
    private static IServiceCollection Clock(IServiceCollection services, TimeProvider? time) =>
        time is null ? services : services.AddSingleton(time);
}
