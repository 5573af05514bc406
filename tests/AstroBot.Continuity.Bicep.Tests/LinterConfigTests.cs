namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>
/// bicep/bicepconfig.json really turns the rules up to errors, and the rules run offline:
/// a deliberately broken template next to a copy of the config must fail the lint.
/// </summary>
public sealed class LinterConfigTests : IDisposable
{
    private readonly BicepCli sut = BicepCli.Locate();
    private readonly DirectoryInfo workspace = Directory.CreateTempSubdirectory("bicep-lint-");

    public LinterConfigTests() =>
        File.Copy(BicepFiles.FullPath("bicepconfig.json"), Path.Combine(workspace.FullName, "bicepconfig.json"));

    [Fact]
    public async Task Lint_UnusedParameter_FailsWithNoUnusedParamsError()
    {
        var file = Write("unused.bicep", """
            @description('Never used.')
            param unused string
            """);

        var result = await sut.LintAsync(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error no-unused-params", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_OldApiVersion_FailsWithUseRecentApiVersionsError()
    {
        var file = Write("old-api.bicep", """
            resource vault 'Microsoft.KeyVault/vaults@2019-09-01' existing = {
              name: 'kv'
            }

            @description('Id of the vault.')
            output vaultId string = vault.id
            """);

        var result = await sut.LintAsync(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error use-recent-api-versions", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => workspace.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(workspace.FullName, name);
        File.WriteAllText(path, content + "\n");
        return path;
    }
}
