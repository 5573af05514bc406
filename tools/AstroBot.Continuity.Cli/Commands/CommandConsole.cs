using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// Where one invocation writes: JSON (<c>--json</c>) or tables and progress bars to the invocation's output, errors
/// to its error writer. Taking the writers from the invocation, not <see cref="Console"/>, lets tests capture both.
/// </summary>
internal sealed class CommandConsole
{
    // Wide enough that ids and problem lines stay on one line when the output is a file, a pipe or a test.
    private const int RedirectedWidth = 240;

    private CommandConsole(bool json, TextWriter output, TextWriter error)
    {
        Json = json;
        Out = output;
        Error = error;
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            Ansi.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>True with <c>--json</c>: one JSON document on stdout, no tables, no progress bars.</summary>
    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Tables, progress bars and markup for a person.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Live progress bars only on an interactive terminal; a file or a pipe gets the result alone.</summary>
    public bool ShowsProgress => !Json && Ansi.Profile.Capabilities.Interactive;

    public static CommandConsole For(ParseResult parseResult) =>
        new(parseResult.GetValue(GlobalOptions.Json), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Options));

    /// <summary>
    /// A problem met along the way that does not stop the run: above the live progress display when there is one
    /// (writing around it would tear it), else to the error writer.
    /// </summary>
    public void Notice(string message)
    {
        if (ShowsProgress)
        {
            Ansi.MarkupLineInterpolated($"[yellow]{message}[/]");
        }
        else
        {
            Error.WriteLine(message);
        }
    }

    /// <summary>Writes <paramref name="message"/> to the error writer and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine(message);
        return exitCode;
    }
}
