using System.CommandLine;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>continuity import FILE.zip [--dry-run] [--as USER] [--on-conflict skip|overwrite] [--allow-erased]</c> and
/// <c>continuity import --all DIR [--dry-run] [--on-conflict skip|overwrite] [--allow-erased]</c>. Exit 0 imported (or checked, with
/// --dry-run), 1 an archive refused (the message says why; nothing of it written), 2 bad input.
/// </summary>
internal static class ImportCommand
{
    public const string Skip = "skip";
    public const string Overwrite = "overwrite";

    public static Command Create()
    {
        var archive = new Argument<string?>("archive")
        {
            Description = "The export archive to import (FILE.zip, as export or a user's WhatsApp export wrote it)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<string?>("--all")
        {
            Description = "Import every *.zip archive in this directory (as export --all writes them), carrying on past a refused one",
            HelpName = "DIR",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the archives and list what would change, record by record; write nothing" };
        var asUser = UserReference.Option(
            "--as",
            "Import the archive's data as this user (a move to a new number, or another person's data merged into theirs): their user key or any identifier they " +
            "have or had, which names their key; rewrites wa_id, the ids equal to the old wa_id (account, preferences) and partner_wa_id self-references");
        var onConflict = new Option<string>("--on-conflict")
        {
            Description = $"A record whose id is already stored with other content: '{Skip}' keeps what is stored, '{Overwrite}' replaces it with the archive's",
            DefaultValueFactory = _ => Skip,
        };
        onConflict.AcceptOnlyFromAmong(Skip, Overwrite);
        var allowErased = new Option<bool>("--allow-erased")
        {
            Description = "Import an archive made before its user erased their data here (refused otherwise); only when the user asked for exactly that",
        };
        var command = new Command(
            "import",
            "Import export archives into the bot's database: every archive is checked completely (hashes, zip slip, zip bomb, schema) before anything of it is written; importing twice changes nothing")
        {
            archive, all, dryRun, asUser, onConflict, allowErased,
        };
        command.Validators.Add(result =>
        {
            var file = result.GetValue(archive);
            var directory = result.GetValue(all);
            if ((file is null) == (directory is null))
            {
                result.AddError("Name what to import: one archive (continuity import FILE.zip) or a directory of them (continuity import --all DIR).");
            }
            else if (directory is not null && result.GetValue(asUser) is not null)
            {
                result.AddError("--as imports one archive as another user; it cannot be combined with --all.");
            }
            else if (file is not null && !File.Exists(file))
            {
                result.AddError(Directory.Exists(file) ? $"'{file}' is a directory; import --all DIR imports a directory of archives." : $"There is no archive '{file}'.");
            }
            else if (directory is not null && !Directory.Exists(directory))
            {
                result.AddError($"There is no directory '{directory}'.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ImportRequest(
                As: parseResult.GetValue(asUser),
                OnConflict: parseResult.GetValue(onConflict) == Overwrite ? ImportConflict.Overwrite : ImportConflict.Skip,
                DryRun: parseResult.GetValue(dryRun),
                AllowErased: parseResult.GetValue(allowErased));
            return parseResult.GetValue(all) is { } directory
                ? TenantImportRun.InvokeAsync(parseResult, directory, request, cancellationToken)
                : UserImportRun.InvokeAsync(parseResult, parseResult.GetValue(archive)!, request, cancellationToken);
        });
        return command;
    }
}
