using System.CommandLine;
using AstroBot.Continuity.Backup;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary>An optional backup id argument, checked at parse time so a typo exits 2 before anything connects.</summary>
internal static class BackupIdArgument
{
    public const string Latest = "latest";

    /// <param name="allowLatest">Also accept the word <c>latest</c>.</param>
    public static Argument<string?> Create(string name, string description, bool allowLatest)
    {
        var argument = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } value || (allowLatest && value == Latest))
            {
                return;
            }

            try
            {
                BackupId.Parse(value);
            }
            catch (FormatException exception)
            {
                result.AddError(exception.Message);
            }
        });
        return argument;
    }
}
