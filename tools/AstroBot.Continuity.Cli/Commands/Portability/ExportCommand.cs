using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>continuity export --user USER --out FILE.zip [--force]</c> and <c>continuity export --all --out DIR [--force]</c>.
/// Exit 0 written, 1 refused (no data for that user, the file exists, the database is missing), 2 bad input.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var user = UserReference.Option(
            "--user", "Export this user's data into the archive --out names: their user key, or any identifier they have or had (phone number, BSUID, @username)");
        var all = new Option<bool>("--all")
        {
            Description = "Export every user (each account document), one archive per user named after their key ({wa_id}.zip), into the directory --out names",
        };
        var output = new Option<string>("--out")
        {
            Description = "With --user, the archive to write (FILE.zip); with --all, the directory to write into (created if missing)",
            HelpName = "PATH",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite existing archives (never done otherwise)" };
        var command = new Command(
            "export",
            "Write users' data as export archives (data.json, one CSV per collection, index.html, manifest.json); each export is recorded in the user's audit trail")
        {
            user, all, output, force,
        };
        command.Validators.Add(result =>
        {
            var everyone = result.GetValue(all);
            if ((result.GetValue(user) is not null) == everyone)
            {
                result.AddError("Choose whom to export: --user USER (one archive) or --all (a directory of them).");
                return;
            }

            if (result.GetValue(output) is not { } path)
            {
                return;
            }

            if (!everyone && Directory.Exists(path))
            {
                result.AddError($"--out '{path}' is a directory; with --user it names the archive to write, such as {Path.Combine(path, "user.zip")}.");
            }
            else if (everyone && File.Exists(path))
            {
                result.AddError($"--out '{path}' is a file; with --all it names the directory to write the archives into.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(all)
            ? TenantExportRun.InvokeAsync(parseResult, parseResult.GetRequiredValue(output), parseResult.GetValue(force), cancellationToken)
            : UserExportRun.InvokeAsync(parseResult, parseResult.GetValue(user)!, parseResult.GetRequiredValue(output), parseResult.GetValue(force), cancellationToken));
        return command;
    }
}
