using System.CommandLine;
using AstroBot.Continuity.Cli;

return await ContinuityCommandLine.InvokeAsync(args, new InvocationConfiguration(), CancellationToken.None).ConfigureAwait(false);
