using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Tests.Data;

public sealed class EmulatorEndpointTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8081")]
    [InlineData("https://127.1.2.3:8081")]
    [InlineData("https://[::1]:8081")]
    [InlineData("https://localhost:8081")]
    [InlineData("https://LOCALHOST/")]
    public void IsLoopback_LoopbackHost_ReturnsTrue(string endpoint) =>
        Assert.True(EmulatorEndpoint.IsLoopback(new Uri(endpoint)));

    [Theory]
    [InlineData("https://10.0.0.1:8081")]
    [InlineData("https://example.com")]
    [InlineData("https://astrobot.documents.azure.com:443/")]
    [InlineData("https://localhost.example.com")]
    [InlineData("https://127.0.0.1.nip.io")]
    [InlineData("https://[2001:db8::1]:8081")]
    public void IsLoopback_NetworkHost_ReturnsFalse(string endpoint) =>
        Assert.False(EmulatorEndpoint.IsLoopback(new Uri(endpoint)));

    [Fact]
    public void IsLoopback_RelativeUri_ReturnsFalse() =>
        Assert.False(EmulatorEndpoint.IsLoopback(new Uri("/dbs", UriKind.Relative)));
}
