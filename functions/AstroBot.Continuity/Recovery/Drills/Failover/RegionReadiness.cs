using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// Whether a region could take the traffic: healthy at the switch, and answering its readiness route at its own URL,
/// bypassing the public endpoint. What the failover drill's preconditions and the automated failover ask of the secondary.
/// </summary>
public sealed class RegionReadiness(IHttpClientFactory httpClients)
{
    /// <summary>Why <paramref name="region"/> is not ready, in words; null when it is.</summary>
    public async Task<string?> ProblemAsync(RegionPlace region, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.State == "unhealthy")
        {
            return $"the secondary {region.Name} is unhealthy at the switch ({region.State})";
        }

        if (region.Url is not { } url)
        {
            return $"the switch does not know the secondary {region.Name}'s own URL, so its readiness cannot be asked";
        }

        var ready = ReadyUrl(url);
        try
        {
            using var response = await httpClients.CreateClient(FailoverPreconditions.HttpClientName).GetAsync(ready, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var said = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                return $"the secondary {region.Name} is not healthy: {ready} answered {(int)response.StatusCode} {said.Trim()}";
            }
        }
        catch (HttpRequestException exception)
        {
            return $"the secondary {region.Name} is not healthy: {ready} does not answer ({exception.Message})";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"the secondary {region.Name} is not healthy: {ready} did not answer in time";
        }

        return null;
    }

    /// <summary>The readiness route at a region's own base URL.</summary>
    public static Uri ReadyUrl(Uri regionUrl)
    {
        ArgumentNullException.ThrowIfNull(regionUrl);
        return new Uri(regionUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + $"/{HttpRoutes.Prefix}/{HttpRoutes.HealthReady}");
    }
}
