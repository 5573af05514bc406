namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>
/// The repository's bicep/ folder built and linted once (four CLI runs with --pattern) for all the tests
/// that read the results: per-file diagnostics and the compiled ARM JSON of main.bicep.
/// A pattern that matches nothing succeeds silently (brace globs such as *.{bicep,bicepparam} match nothing),
/// so lint uses the same two patterns as the builds, whose output files prove what they matched.
/// </summary>
public sealed class BicepFolderBuild : IAsyncLifetime
{
    private const string Templates = "**/*.bicep";
    private const string ParameterFiles = "**/*.bicepparam";

    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("bicep-build-");
    private ArmTemplate? mainTemplate;

    public BicepResult Build { get; private set; } = new(-1, "", "not run");

    public BicepResult BuildParams { get; private set; } = new(-1, "", "not run");

    public BicepResult LintTemplates { get; private set; } = new(-1, "", "not run");

    public BicepResult LintParameterFiles { get; private set; } = new(-1, "", "not run");

    public IEnumerable<BicepResult> All => [Build, BuildParams, LintTemplates, LintParameterFiles];

    public ArmTemplate MainTemplate => mainTemplate ??= File.Exists(CompiledPath("main.bicep"))
        ? ArmTemplate.Parse(File.ReadAllText(CompiledPath("main.bicep")))
        : throw new InvalidOperationException($"main.bicep did not build:\n{Build}");

    /// <summary>Where the build wrote the JSON of a file given relative to bicep/.</summary>
    public string CompiledPath(string relativePath) =>
        Path.Combine(output.FullName, Path.ChangeExtension(relativePath, ".json"));

    public async Task InitializeAsync()
    {
        var cli = BicepCli.Locate();
        var root = BicepFiles.Root;
        Build = await cli.BuildAllAsync(root, Templates, output.FullName);
        BuildParams = await cli.BuildParamsAllAsync(root, ParameterFiles, output.FullName);
        LintTemplates = await cli.LintAllAsync(root, Templates);
        LintParameterFiles = await cli.LintAllAsync(root, ParameterFiles);
    }

    public Task DisposeAsync()
    {
        output.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The classes that read <see cref="BicepFolderBuild"/> share one build.</summary>
[CollectionDefinition(Name)]
public sealed class BicepFolderBuildCollection : ICollectionFixture<BicepFolderBuild>
{
    public const string Name = "bicep/ built once";
}
