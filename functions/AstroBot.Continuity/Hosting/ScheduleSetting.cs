using Cronos;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Hosting;

/// <summary>
/// One schedule: the app setting both hosts read it from and the six-field NCRONTAB expression (UTC) used when
/// that setting is absent or empty.
/// </summary>
/// <param name="SettingName">A root-level app setting, e.g. <c>MessageLedgerPruneSchedule</c>.</param>
/// <param name="DefaultExpression">second minute hour day month day-of-week, UTC.</param>
public sealed record ScheduleSetting(string SettingName, string DefaultExpression)
{
    /// <summary>
    /// What a <c>[TimerTrigger]</c> takes: Azure Functions replaces <c>%Name%</c> with the app setting's value,
    /// so the Functions host needs the setting to exist (<c>local.settings.json</c>, Bicep).
    /// </summary>
    public string TriggerExpression => "%" + SettingName + "%";

    /// <summary>The configured expression, or <see cref="DefaultExpression"/> when the setting is absent or empty.</summary>
    /// <exception cref="FormatException">The expression is not a six-field cron expression.</exception>
    public string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[SettingName];
        var expression = string.IsNullOrWhiteSpace(configured) ? DefaultExpression : configured.Trim();
        try
        {
            CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException exception)
        {
            throw new FormatException(
                $"{SettingName} is not a six-field cron expression (second minute hour day month day-of-week, UTC): '{expression}'. {exception.Message}",
                exception);
        }

        return expression;
    }
}
