using AstroBot.Continuity.Portability.Links;
using Azure.Storage.Sas;

namespace AstroBot.Continuity.Tests.Portability.Links;

public sealed class ExportLinkProtocolTests
{
    [Theory]
    [InlineData("https://astrobotprod.blob.core.windows.net/")]
    [InlineData("http://astrobotprod.blob.core.windows.net/")]
    [InlineData("http://10.0.0.4:10000/devstoreaccount1")]
    public void For_AnAccountOffThisMachine_AllowsHttpsOnly(string endpoint) =>
        Assert.Equal(SasProtocol.Https, ExportLinkProtocol.For(new Uri(endpoint)));

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData("http://localhost:10000/devstoreaccount1")]
    [InlineData("http://[::1]:10000/devstoreaccount1")]
    public void For_ALoopbackDevelopmentAccount_AllowsHttpToo(string endpoint) =>
        Assert.Equal(SasProtocol.HttpsAndHttp, ExportLinkProtocol.For(new Uri(endpoint)));
}
