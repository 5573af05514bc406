using AstroBot.Continuity.Portability.WhatsApp;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

public sealed class ExportRequestTests
{
    private const string WaId = "15550001111";

    [Fact]
    public void InstanceId_IsPerUserAndExportAndHoldsNoPhoneNumber()
    {
        var sut = new ExportRequest(ExportRequest.CurrentVersion, WaId, "20270115");

        Assert.Equal(sut.InstanceId, (sut with { }).InstanceId);
        Assert.DoesNotContain(WaId, sut.InstanceId, StringComparison.Ordinal);
        Assert.EndsWith("-20270115", sut.InstanceId, StringComparison.Ordinal);
        Assert.NotEqual(sut.InstanceId, (sut with { ExportId = "20270116" }).InstanceId);
        Assert.NotEqual(sut.InstanceId, (sut with { WaId = "15550002222" }).InstanceId);
    }

    [Fact]
    public void FromQueueText_WhatToQueueTextWrote_ReadsTheSameRequest()
    {
        var sut = new ExportRequest(ExportRequest.CurrentVersion, WaId, "20270115");

        Assert.Equal(sut, ExportRequest.FromQueueText(sut.ToQueueText()));
        Assert.Equal(sut, ExportRequest.FromQueueText("""{"v":1,"waId":"15550001111","exportId":"20270115"}"""));
    }

    [Theory]
    [InlineData("""{"v":2,"waId":"15550001111","exportId":"20270115"}""")]
    [InlineData("""{"v":1,"exportId":"20270115"}""")]
    [InlineData("not base64 json")]
    public void FromQueueText_NotARequestOfThisVersion_Throws(string text)
    {
        Assert.Throws<InvalidDataException>(() => ExportRequest.FromQueueText(text));
    }
}
