using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Tests.Recovery.Drills;

/// <summary>The drills' route and command-line names.</summary>
public sealed class DrillKindsTests
{
    [Theory]
    [InlineData(DrillKind.Restore, "restore")]
    [InlineData(DrillKind.Failover, "failover")]
    [InlineData(DrillKind.NativeBackup, "native-backup")]
    public void NameOf_Kind_IsLowercaseWordsJoinedByDashes(DrillKind kind, string name)
    {
        Assert.Equal(name, DrillKinds.NameOf(kind));
        Assert.True(DrillKinds.TryParse($" {name.ToUpperInvariant()} ", out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("nativebackup")]
    [InlineData("NativeBackup")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_OtherSpelling_IsNoDrill(string? name)
    {
        Assert.False(DrillKinds.TryParse(name, out _));
    }

    [Fact]
    public void ScenarioOf_NativeBackup_IsDeletedResources()
    {
        Assert.Equal("DeletedResources", DrillKinds.ScenarioOf(DrillKind.NativeBackup));
    }
}
