using AstroBot.Continuity.Tests.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Incidents;

/// <summary>The inbox as the hosts wire it (<see cref="MaintenanceWorld"/>), with no cache of the incident or the status.</summary>
internal static class IncidentWorlds
{
    public static Task<MaintenanceWorld> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Incidents:CacheDuration"] = "00:00:00",
            ["Status:CacheDuration"] = "00:00:00",
            ["Status:UptimeCacheDuration"] = "00:00:00",
            ["Availability:ProbeTableName"] = Fixtures.EmulatorEndpoints.UniqueName("probes"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return MaintenanceWorld.StartAsync(settings);
    }
}
