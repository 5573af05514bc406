using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary>The live account's regions, read from recorded answers.</summary>
public sealed class CosmosAccountRegionsTests
{
    private readonly RecordedArm arm = new();

    [Fact]
    public async Task ReadAsync_TwoRegions_ListsThemByFailoverPriorityWithTheWriteRegionFirst()
    {
        arm.On("GET", AccountPath, AccountInRegions(write: "North Europe", read: "West Europe", secondState: "Deleting"));

        var sut = await Sut().ReadAsync(CancellationToken.None);

        Assert.Equal(
            [new CosmosAccountRegion("North Europe", 0, true, "Succeeded", true), new CosmosAccountRegion("West Europe", 1, false, "Deleting", false)],
            sut.Regions);
        Assert.Equal("North Europe", sut.WriteRegion.Name);
        Assert.Equal([true, false], sut.Regions.Select(region => region.IsOnline));
        Assert.Equal(("westeurope", true), (sut.Location, sut.AutomaticFailover));
        Assert.Equal(CosmosArm.ApiVersion, Assert.Single(arm.Requests).ApiVersion);
    }

    [Fact]
    public async Task ReadAsync_AccountNotFound_NamesTheSettingsToCheck()
    {
        arm.On("GET", AccountPath, new RecordedArm.Answer(404, """{"error":{"code":"ResourceNotFound","message":"not found"}}"""));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().ReadAsync(CancellationToken.None));

        Assert.EndsWith("check Recovery:ResourceManager:SubscriptionId, ResourceGroup and CosmosAccountName.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_AppLacksTheRole_NamesIt()
    {
        arm.On("GET", AccountPath, Forbidden("Microsoft.DocumentDB/databaseAccounts/read", AccountPath));

        var failure = await Assert.ThrowsAsync<RecoveryArmException>(() => Sut().ReadAsync(CancellationToken.None));

        Assert.Contains($"the role '{RecoveryArmRoles.Failover(Account)}' on the account", failure.Message, StringComparison.Ordinal);
    }

    private CosmosAccountRegions Sut() => new(arm.Client(), Options());
}
