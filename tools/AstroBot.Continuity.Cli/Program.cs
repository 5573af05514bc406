using System.CommandLine;
using AstroBot.Continuity.Cli;
using AstroBot.Continuity.Cli.Commands;
using Microsoft.Extensions.Options;

try
{
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    return await ContinuityCommandLine.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
catch (OptionsValidationException exception)
{
    // A bad or missing setting stops the host with the setting's name and what is wrong.
    foreach (var failure in exception.Failures)
    {
        await Console.Error.WriteLineAsync($"configuration error: {failure}").ConfigureAwait(false);
    }

    return ExitCodes.BadConfiguration;
}
catch (FormatException exception)
{
    await Console.Error.WriteLineAsync($"configuration error: {exception.Message}").ConfigureAwait(false);
    return ExitCodes.BadConfiguration;
}
catch (OperationCanceledException)
{
    return ExitCodes.Cancelled;
}
