namespace AstroBot.Continuity.Bicep.Tests.MainTemplate;

/// <summary>
/// Azure Front Door (Standard) in front of the two regions: one origin group with priority routing (primary 1,
/// secondary 2), health probes on the readiness route, and a route for /api/* over HTTPS.
/// </summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class FrontDoorTemplateTests(BicepFolderBuild build)
{
    private readonly ArmTemplate sut = build.MainTemplate;

    private DeclaredResource OriginGroup => sut.Single("Microsoft.Cdn/profiles/originGroups", ModuleNames.FrontDoorRouting);

    [Fact]
    public void Build_Profile_IsFrontDoorStandard()
    {
        var profile = sut.Single("Microsoft.Cdn/profiles", ModuleNames.FrontDoor);

        Assert.Equal("Standard_AzureFrontDoor", (string?)profile.Json["sku"]?["name"]);
        Assert.Equal("global", (string?)profile.Json["location"]);
        Assert.Single(sut.OfType("Microsoft.Cdn/profiles/afdEndpoints", ModuleNames.FrontDoor));
    }

    [Fact]
    public void Build_OriginGroup_ProbesTheReadinessRouteWithGetOverHttps()
    {
        var probe = OriginGroup.Properties?["healthProbeSettings"];

        Assert.Equal("[parameters('probePath')]", (string?)probe?["probePath"]);
        Assert.Equal("/api/health/ready", (string?)OriginGroup.Parameters["probePath"]?["defaultValue"]);
        Assert.Equal("/api/health/ready", "/api/" + AstroBot.Continuity.Hosting.HttpRoutes.HealthReady);
        Assert.Equal("GET", (string?)probe?["probeRequestType"]);
        Assert.Equal("Https", (string?)probe?["probeProtocol"]);
        Assert.Equal("[parameters('probeIntervalSeconds')]", (string?)probe?["probeIntervalInSeconds"]);
        Assert.Equal("Disabled", (string?)OriginGroup.Properties?["sessionAffinityState"]);
    }

    [Fact]
    public void Build_OriginGroup_DetectsADeadPrimaryWithinAMinute()
    {
        var balancing = OriginGroup.Properties?["loadBalancingSettings"];
        var interval = (int)OriginGroup.Parameters["probeIntervalSeconds"]!["defaultValue"]!;
        var sampleSize = (int)OriginGroup.Parameters["sampleSize"]!["defaultValue"]!;
        var required = (int)OriginGroup.Parameters["successfulSamplesRequired"]!["defaultValue"]!;

        Assert.Equal("[parameters('sampleSize')]", (string?)balancing?["sampleSize"]);
        Assert.Equal("[parameters('successfulSamplesRequired')]", (string?)balancing?["successfulSamplesRequired"]);
        Assert.Equal(0, (int?)balancing?["additionalLatencyInMilliseconds"]);
        Assert.Equal((30, 4, 3), (interval, sampleSize, required));

        // Unhealthy at the (sampleSize - required + 1)th failed probe in a row; the first comes within one interval.
        var worstCaseDetectionSeconds = (sampleSize - required + 1) * interval;
        Assert.Equal(60, worstCaseDetectionSeconds);
    }

    [Fact]
    public void Build_Origins_ArePrimaryFirstThenSecondary()
    {
        var origins = sut.Single("Microsoft.Cdn/profiles/originGroups/origins", ModuleNames.FrontDoorRouting);
        var list = origins.Variables["origins"]!.AsArray();

        Assert.Equal("[length(variables('origins'))]", (string?)origins.Json["copy"]?["count"]);
        Assert.Equal(["primary", "secondary"], list.Select(origin => (string?)origin?["name"]));
        Assert.Equal([1, 2], list.Select(origin => (int?)origin?["priority"]));
        Assert.Equal(["[parameters('primaryHostName')]", "[parameters('secondaryHostName')]"], list.Select(origin => (string?)origin?["hostName"]));
        Assert.Equal("[variables('origins')[copyIndex()].hostName]", (string?)origins.Properties?["originHostHeader"]);
        Assert.Equal(443, (int?)origins.Properties?["httpsPort"]);
        Assert.True((bool?)origins.Properties?["enforceCertificateNameCheck"]);
    }

    [Theory]
    [InlineData("primaryHostName", ModuleNames.FunctionAppPrimary)]
    [InlineData("secondaryHostName", ModuleNames.FunctionAppSecondary)]
    public void Build_Origin_IsItsRegionsFunctionApp(string parameter, string functionApp)
    {
        var input = (string?)sut.Deployment(ModuleNames.FrontDoorRouting).Properties?["parameters"]?[parameter]?["value"];

        Assert.Equal($"[reference(resourceId('Microsoft.Resources/deployments', '{functionApp}'), '2025-04-01').outputs.defaultHostName.value]", input);
    }

    [Fact]
    public void Build_Route_SendsApiOverHttpsOnlyToTheOriginGroup()
    {
        var route = sut.Single("Microsoft.Cdn/profiles/afdEndpoints/routes", ModuleNames.FrontDoorRouting);
        var properties = route.Properties!;

        Assert.Equal(["/api/*"], properties["patternsToMatch"]!.AsArray().Select(pattern => (string?)pattern));
        Assert.Equal(["Https"], properties["supportedProtocols"]!.AsArray().Select(protocol => (string?)protocol));
        Assert.Equal("HttpsOnly", (string?)properties["forwardingProtocol"]);
        Assert.Contains("originGroups", (string?)properties["originGroup"]?["id"], StringComparison.Ordinal);
        Assert.Null(properties["cacheConfiguration"]);
    }
}
