using System.Runtime.CompilerServices;
using System.Text.Json;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// Every user of the tenant: one account document per user, whose <c>wa_id</c> (and id) is the user's WhatsApp id.
/// Read through the read feed of the accounts container, a page at a time: cross-partition queries do not work
/// on the emulator, and a page is all that is ever held in memory.
/// </summary>
internal sealed class AccountFeed(CosmosClient cosmos, string database, int pageSize = AccountFeed.DefaultPageSize)
{
    public const int DefaultPageSize = 100;

    public async IAsyncEnumerable<string> WaIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var iterator = cosmos.GetContainer(database, BotDataModel.Accounts.Name)
            .GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = pageSize });
        while (iterator.HasMoreResults)
        {
            List<string> page;
            using (var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
                using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                page = [.. document.RootElement.GetProperty("Documents").EnumerateArray().Select(WaIdOf).OfType<string>()];
            }

            foreach (var waId in page)
            {
                yield return waId;
            }
        }
    }

    private static string? WaIdOf(JsonElement account) =>
        account.TryGetProperty("wa_id", out var waId) && waId.ValueKind == JsonValueKind.String ? waId.GetString() : null;
}
