namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>erase</c> without <c>--yes</c>: the operator types the user's key again, on an interactive terminal only. A
/// script, a pipe or a test never gets a prompt it could answer by accident: it is refused and told about --yes.
/// </summary>
internal static class EraseConfirmation
{
    public const string NotInteractive =
        "Not erased: erase asks you to type the user's key again, and this is not an interactive terminal. Pass --yes to erase without asking.";

    public const string Mismatch = "Not erased: what you typed is not the key of the user to erase.";

    /// <summary>Asks on <paramref name="prompt"/> and reads one line of <paramref name="input"/>.</summary>
    /// <returns>True when the line is the same key.</returns>
    public static async Task<bool> AskAsync(string userKey, TextReader input, TextWriter prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(prompt);
        await prompt.WriteLineAsync(
            $"This erases everything stored about {userKey} for good: every item in the bot's database, the user's backup key " +
            "(no existing backup can be read for them again, and no restore will ever bring them back), their audit trail and every identifier " +
            "(phone number, BSUID, username) the identity directory holds for them.").ConfigureAwait(false);
        await prompt.WriteAsync("Type the user's key again to erase it: ").ConfigureAwait(false);
        await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
        var typed = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return string.Equals(typed?.Trim(), userKey, StringComparison.Ordinal);
    }
}
