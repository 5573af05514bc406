using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The local twin of Azure Front Door (Standard) as <c>bicep/</c> configures it: one route, <c>/api/*</c>, to one
/// origin group of regions in priority order, probed with GET on <c>/api/health/ready</c>, every request to the
/// healthiest origin of lowest priority number, request bodies forwarded byte for byte (the webhook's signature is
/// over the raw bytes). Where it differs from Azure on purpose: a returning origin waits out a restoration delay
/// (<see cref="LocalFrontDoorOptions.RestorationDelay"/>), and when every origin is unhealthy it answers 503 with a
/// Retry-After instead of spreading traffic over all of them (Meta retries a 503; an origin known to be down would
/// only answer one slower).
/// </summary>
public static class LocalFrontDoor
{
    private const string RouteId = "api";

    /// <summary>Builds the front door; <c>RunAsync</c> or <c>StartAsync</c> it.</summary>
    /// <param name="options">Where it listens, the origins and the probe settings.</param>
    /// <param name="logging">More logging set-up (the CLI's filters, a test's capture); by default single-line console logs.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong; the message names it.</exception>
    public static WebApplication Build(LocalFrontDoorOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Its settings are the options passed in, not the environment's (ASPNETCORE_URLS and the like).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(options.Listen);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // YARP logs every failed probe and forwarding error with its stack trace; the front door's own messages say
        // what changed (an origin's health, the route), and the client sees the 502 or 504.
        builder.Logging.AddFilter("Yarp", LogLevel.Error);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<OriginTable>();
        services.AddSingleton<IActiveHealthCheckPolicy, OriginHealthPolicy>();
        services.AddSingleton<ILoadBalancingPolicy, PriorityRoutingPolicy>();
        services.AddReverseProxy().LoadFromMemory([Route()], [Cluster(options)])
            .AddTransforms(transforms => transforms.AddRequestTransform(ForwardTheTargetAsSent));

        var app = builder.Build();
        PriorityControlEndpoint.Map(app);
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(AnswerUnavailableWhenNoOriginIsHealthyAsync);
            proxy.UseLoadBalancing();
        });
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app.Services, options));
        return app;
    }

    private static RouteConfig Route() =>
        new RouteConfig { RouteId = RouteId, ClusterId = OriginTable.ClusterId, Match = new RouteMatch { Path = "/api/{**rest}" } }
            // As Front Door: the client's address appended to X-Forwarded-For, X-Forwarded-Host and -Proto set to what
            // the client asked for (the origin sees its own host in Host), no X-Forwarded-Prefix.
            .WithTransformXForwarded(
                xDefault: ForwardedTransformActions.Set, xFor: ForwardedTransformActions.Append, xPrefix: ForwardedTransformActions.Off);

    private static ClusterConfig Cluster(LocalFrontDoorOptions options) =>
        new ClusterConfig
        {
            ClusterId = OriginTable.ClusterId,
            LoadBalancingPolicy = PriorityRoutingPolicy.PolicyName,
            HealthCheck = new HealthCheckConfig
            {
                // Unhealthy destinations are never offered, even when every one is (YARP's HealthyOrPanic, like Azure, would).
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.ProbeInterval,
                    Timeout = options.ProbeTimeout,
                    Policy = OriginHealthPolicy.PolicyName,
                    Path = options.ProbePath,
                },
            },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.OriginResponseTimeout },
            Destinations = options.Origins
                .Select((address, index) => (Id: OriginTable.IdOf(index + 1), Address: address))
                .ToDictionary(origin => origin.Id, origin => new DestinationConfig { Address = origin.Address }, StringComparer.OrdinalIgnoreCase),
        };

    // The path and query exactly as the client sent them: YARP rebuilds them from the decoded path, which turns an
    // escaped slash (%2F, kept escaped by ASP.NET Core) into %252F. Front Door forwards what it received.
    private static ValueTask ForwardTheTargetAsSent(RequestTransformContext context)
    {
        if (context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is ['/', ..] target)
        {
            context.ProxyRequest.RequestUri = new Uri(
                context.DestinationPrefix.TrimEnd('/') + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        }

        return ValueTask.CompletedTask;
    }

    // First in the proxy pipeline: nothing is forwarded when no origin may take the request.
    private static Task AnswerUnavailableWhenNoOriginIsHealthyAsync(HttpContext context, Func<Task> next)
    {
        if (context.GetReverseProxyFeature().AvailableDestinations.Count > 0)
        {
            return next();
        }

        var retryAfter = context.RequestServices.GetRequiredService<LocalFrontDoorOptions>().RetryAfter;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("No region is available; retry later.\n", context.RequestAborted);
    }

    private static void LogStarted(IServiceProvider services, LocalFrontDoorOptions options)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalFrontDoor));
        var origins = string.Join(", ", services.GetRequiredService<OriginTable>().Origins);
        LogMessages.LocalFrontDoorStarted(
            logger, options.Listen, origins, options.ProbePath, options.ProbeInterval, options.UnhealthyAfterFailures, options.SampleSize, options.HealthyAfterSuccesses, options.RestorationDelay);
    }

    private static void Validate(LocalFrontDoorOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(LocalFrontDoorOptions.SectionName, typeof(LocalFrontDoorOptions), results.Select(result => result.ErrorMessage ?? "invalid"));
        }
    }
}
