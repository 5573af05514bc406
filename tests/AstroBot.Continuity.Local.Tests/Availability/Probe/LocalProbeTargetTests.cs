using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Local.Availability.Probe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Tests.Availability.Probe;

public sealed class LocalProbeTargetTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://0.0.0.0:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://[::]:7071", "http://[::1]:7071/")]
    [InlineData("http://+:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://*:7071", "http://127.0.0.1:7071/")]
    public void BaseAddress_WithoutAPublicBaseUrl_IsWhereThisHostListens(string bound, string expected)
    {
        var sut = new LocalProbeTarget(Options.Create(new ProbeOptions()), new ListeningServer(bound));

        Assert.Equal(new Uri(expected), sut.BaseAddress);
    }

    [Fact]
    public void BaseAddress_PrefersPlainHttp()
    {
        var sut = new LocalProbeTarget(Options.Create(new ProbeOptions()), new ListeningServer("https://127.0.0.1:7443", "http://127.0.0.1:7071"));

        Assert.Equal(new Uri("http://127.0.0.1:7071/"), sut.BaseAddress);
    }

    [Fact]
    public void BaseAddress_APublicBaseUrl_Wins()
    {
        // Two local regions behind the local front door: each probes through it, as in Azure through Front Door.
        var sut = new LocalProbeTarget(
            Options.Create(new ProbeOptions { PublicBaseUrl = "http://127.0.0.1:7080" }), new ListeningServer("http://127.0.0.1:7071"));

        Assert.Equal(new Uri("http://127.0.0.1:7080/"), sut.BaseAddress);
    }

    [Fact]
    public void BaseAddress_BeforeTheServerListens_IsNullSoTheProbeIsOff()
    {
        var sut = new LocalProbeTarget(Options.Create(new ProbeOptions()), new ListeningServer());

        Assert.Null(sut.BaseAddress);
    }

    [Fact]
    public void AddLocalProbeTarget_ReplacesTheConfiguredTarget()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddAvailabilityProbe(new ConfigurationBuilder().Build())
            .AddLocalProbeTarget()
            .AddSingleton<IServer>(new ListeningServer("http://127.0.0.1:7071"));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<LocalProbeTarget>(provider.GetRequiredService<IProbeTarget>());
        Assert.Single(services, service => service.ServiceType == typeof(IProbeTarget));
    }

    private sealed class ListeningServer : IServer
    {
        public ListeningServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
