namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>Every template and parameters file under bicep/ builds and lints with zero diagnostics.</summary>
[Collection(BicepFolderBuildCollection.Name)]
public sealed class BicepFilesTests(BicepFolderBuild sut)
{
    [Theory]
    [MemberData(nameof(BicepFiles.Templates), MemberType = typeof(BicepFiles))]
    public void Build_Template_SucceedsWithoutDiagnostics(string file)
    {
        AssertBuiltWithoutDiagnostics(sut.Build, file);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.ParameterFiles), MemberType = typeof(BicepFiles))]
    public void BuildParams_ParameterFile_SucceedsWithoutDiagnostics(string file)
    {
        AssertBuiltWithoutDiagnostics(sut.BuildParams, file);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.Templates), MemberType = typeof(BicepFiles))]
    public void Lint_Template_ReportsNothing(string file)
    {
        AssertLintedWithoutDiagnostics(sut.LintTemplates, file);
    }

    [Theory]
    [MemberData(nameof(BicepFiles.ParameterFiles), MemberType = typeof(BicepFiles))]
    public void Lint_ParameterFile_ReportsNothing(string file)
    {
        AssertLintedWithoutDiagnostics(sut.LintParameterFiles, file);
    }

    [Fact]
    public void BuildAndLint_WholeFolder_PrintNothing()
    {
        Assert.All(sut.All, result => Assert.True(result.IsClean, result.ToString()));
    }

    private void AssertBuiltWithoutDiagnostics(BicepResult result, string file)
    {
        Assert.Empty(result.DiagnosticsFor(BicepFiles.FullPath(file)));
        Assert.True(File.Exists(sut.CompiledPath(file)), $"The build wrote no JSON for {file}:\n{result}");
    }

    // Per file, only its own diagnostics count: one broken module must not fail every file's test.
    // The lint runs with the build's patterns, so the build's output shows the file was matched.
    private void AssertLintedWithoutDiagnostics(BicepResult result, string file)
    {
        Assert.True(File.Exists(sut.CompiledPath(file)), $"The pattern did not match {file}.");
        Assert.Empty(result.DiagnosticsFor(BicepFiles.FullPath(file)));
    }
}
