using System.Text.Json;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// What an Azure Monitor action group's webhook posts, in the common alert schema, as far as incidents need it:
/// <c>data.essentials.alertRule</c> (the rule's name) and <c>data.essentials.monitorCondition</c> (<c>Fired</c> or
/// <c>Resolved</c>). Everything else in the payload is ignored.
/// </summary>
/// <param name="AlertRule">The alert rule's name (at most 256 characters).</param>
/// <param name="Fired">True when it fired, false when it resolved.</param>
public sealed record AzureMonitorAlert(string AlertRule, bool Fired)
{
    /// <summary>The longest rule name taken (Azure's own limit on a rule's name is 260).</summary>
    public const int MaxRuleLength = 260;

    /// <summary>The alert in <paramref name="root"/>, or null when it is not a common-alert-schema payload with both fields.</summary>
    public static AzureMonitorAlert? From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("essentials", out var essentials) || essentials.ValueKind != JsonValueKind.Object
            || !essentials.TryGetProperty("alertRule", out var rule) || rule.GetString() is not { Length: > 0 and <= MaxRuleLength } name
            || !essentials.TryGetProperty("monitorCondition", out var condition) || condition.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return condition.GetString() switch
        {
            "Fired" => new AzureMonitorAlert(name, true),
            "Resolved" => new AzureMonitorAlert(name, false),
            _ => null,
        };
    }
}
