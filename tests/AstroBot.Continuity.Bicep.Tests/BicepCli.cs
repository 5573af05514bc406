using System.Diagnostics;

namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>The Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package, run as a process.</summary>
public sealed class BicepCli
{
    /// <summary>What the parameters files read with readEnvironmentVariable; any value will do for a build.</summary>
    private static readonly IReadOnlyDictionary<string, string> ParameterFileVariables = new Dictionary<string, string>
    {
        ["WHATSAPP_PHONE_NUMBER_ID"] = "100000000000000",
        ["ALERT_EMAIL"] = "ops@example.com",
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string executable;

    private BicepCli(string executable) => this.executable = executable;

    /// <summary>Finds the CLI through the path the build wrote into this assembly, and makes it executable.</summary>
    public static BicepCli Locate()
    {
        var path = BuildMetadata.Get("BicepCliPath");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException($"Bicep CLI not found at '{path}'; restore the test project first.");
        }

        // The referenced package is the linux-x64 build; NuGet may extract it without the execute bit.
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep CLI referenced here is the linux-x64 build.");
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & execute) != execute)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return new BicepCli(path);
    }

    /// <summary>Builds every template matching the glob (relative to directory) into outputDirectory, in one run.</summary>
    public Task<BicepResult> BuildAllAsync(string directory, string pattern, string outputDirectory) =>
        RunAsync(directory, "build", "--pattern", pattern, "--outdir", outputDirectory);

    /// <summary>Builds every parameters file matching the glob into outputDirectory, in one run.</summary>
    public Task<BicepResult> BuildParamsAllAsync(string directory, string pattern, string outputDirectory) =>
        RunAsync(directory, "build-params", "--pattern", pattern, "--outdir", outputDirectory);

    /// <summary>Lints every file matching the glob, in one run.</summary>
    public Task<BicepResult> LintAllAsync(string directory, string pattern) =>
        RunAsync(directory, "lint", "--pattern", pattern);

    public Task<BicepResult> LintAsync(string file) =>
        RunAsync(Path.GetDirectoryName(file)!, "lint", file);

    // One process per call costs about 2 s of start-up, so callers batch files with --pattern.
    private async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ParameterFileVariables)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }
}
