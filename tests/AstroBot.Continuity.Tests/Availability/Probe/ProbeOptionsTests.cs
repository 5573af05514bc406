using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability.Probe;

public sealed class ProbeOptionsTests
{
    [Fact]
    public void Bind_WithNothingSet_HasTheDocumentedDefaults()
    {
        var sut = Bind();

        Assert.Null(sut.PublicBaseUri);
        Assert.Equal("local", sut.Region);
        Assert.Equal("0000000000000000", sut.ProbeWaId);
        Assert.Equal("ZZ.AstroBotAvailabilityProbe", sut.ProbeBsuid);
        Assert.Equal("availabilityprobes", sut.ProbeTableName);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.ProbeAcknowledgeWithin);
        Assert.Equal(TimeSpan.FromSeconds(60), sut.ProbeHandOverWithin);
    }

    [Fact]
    public void Bind_TheSettingsBicepSets_AreRead()
    {
        // Bicep: Availability__PublicBaseUrl and Availability__Region, i.e. Availability:PublicBaseUrl and Availability:Region.
        var sut = Bind(("Availability:PublicBaseUrl", "https://astrobot-prod.z01.azurefd.net"), ("Availability:Region", "westeurope"));

        Assert.Equal(new Uri("https://astrobot-prod.z01.azurefd.net"), sut.PublicBaseUri);
        Assert.Equal("westeurope", sut.Region);
    }

    [Fact]
    public void DefaultProbeUser_CannotBeAWhatsAppUser()
    {
        // E.164 numbers have at most 15 digits and no country code starts with 0; ZZ is ISO 3166's private-use code.
        Assert.True(ProbeOptions.DefaultProbeWaId.Length > 15);
        Assert.StartsWith("0", ProbeOptions.DefaultProbeWaId, StringComparison.Ordinal);
        Assert.True(WaIdFormat.IsValid(ProbeOptions.DefaultProbeWaId)); // still digits, as Meta sends wa_ids
        Assert.True(BsuidFormat.IsDocumented(ProbeOptions.DefaultProbeBsuid)); // Meta's shape, with a country nobody has
        Assert.StartsWith("ZZ.", ProbeOptions.DefaultProbeBsuid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Availability:ProbeWaId", "15550001111", "Availability:ProbeWaId")] // a real-looking number: its messages would be swallowed
    [InlineData("Availability:ProbeWaId", "0123", "Availability:ProbeWaId")]
    [InlineData("Availability:ProbeBsuid", "US.13491208655302741918", "Availability:ProbeBsuid")]
    [InlineData("Availability:PublicBaseUrl", "not a url", "Availability:PublicBaseUrl")]
    [InlineData("Availability:PublicBaseUrl", "ftp://example.com", "Availability:PublicBaseUrl")]
    [InlineData("Availability:Region", "west europe", "Availability:Region")]
    [InlineData("Availability:ProbeTableName", "probe-records", "Availability:ProbeTableName")]
    [InlineData("Availability:ProbeHandOverWithin", "00:10:00", "Availability:ProbeHandOverWithin")]
    public void Validate_ABadSetting_NamesIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnEmptyPublicBaseUrl_IsNotSet()
    {
        // An app setting may exist and be empty: the probe is off, the host still starts.
        Assert.Null(Bind(("Availability:PublicBaseUrl", "")).PublicBaseUri);
    }

    private static ProbeOptions Bind(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddAvailabilityProbe(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ProbeOptions>>().Value;
    }
}
