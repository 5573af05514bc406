using System.Net.Http.Json;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// The local region switch (<c>Recovery:Failover:Switch</c> <c>Local</c>): the local front door's control route
/// (<c>Recovery:Failover:FrontDoorControlUrl</c>, <c>GET</c>/<c>PUT /frontdoor/priorities</c>), which reorders its origins'
/// priorities at once, as an operator's change of Front Door's origin priorities does (docs/availability.md, "Local
/// two-region topology").
/// </summary>
public sealed class FrontDoorControlSwitch(IHttpClientFactory httpClients, IOptions<FailoverDrillOptions> options) : IRegionSwitch
{
    /// <summary>The named HttpClient it calls the front door with.</summary>
    public const string HttpClientName = "FrontDoorControl";

    private Uri Url => options.Value.FrontDoorControlUri
        ?? throw new RegionSwitchException($"{FailoverDrillOptions.SectionName}:FrontDoorControlUrl is not set: the local switch does not know where the front door is.");

    public string Describe => $"the local front door's priorities at {Url}";

    public async Task<RegionLayout> ReadAsync(CancellationToken ct) =>
        await CallAsync(client => client.GetAsync(Url, ct), ct).ConfigureAwait(false);

    public async Task<RegionLayout> SetOrderAsync(IReadOnlyList<string> order, CancellationToken ct) =>
        await CallAsync(client => client.PutAsJsonAsync(Url, new RegionOrder(order), ApiJson.Options, ct), ct).ConfigureAwait(false);

    private async Task<RegionLayout> CallAsync(Func<HttpClient, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await send(client).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var said = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw new RegionSwitchException($"The front door at {Url} answered {(int)response.StatusCode}: {said.Trim()}");
            }

            return await response.Content.ReadFromJsonAsync<RegionLayout>(ApiJson.Options, ct).ConfigureAwait(false)
                ?? throw new RegionSwitchException($"The front door at {Url} answered without a layout.");
        }
        catch (HttpRequestException exception)
        {
            throw new RegionSwitchException($"The front door at {Url} does not answer: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!ct.IsCancellationRequested)
        {
            throw new RegionSwitchException($"The front door at {Url} did not answer in time.", exception);
        }
    }
}
