using AstroBot.Continuity.Data;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// A restored account's database through a client of its own, signed in with the app's one credential (the restore
/// copies the live account's settings, local auth off included). It reads only if the restored account keeps the live
/// one's data-plane role assignments, which was not tried in Azure (docs/dr/README.md). A client per step: a drill runs
/// a few steps a quarter, and nothing is left open between them.
/// </summary>
public sealed class CosmosRestoredAccountData(TokenCredential credential) : IRestoredAccountData
{
    public RestoredDatabase Open(Uri documentEndpoint, string database)
    {
        ArgumentNullException.ThrowIfNull(documentEndpoint);
        var client = new CosmosClient(documentEndpoint.AbsoluteUri, credential, CosmosClientFactory.CreateClientOptions(documentEndpoint));
        return new RestoredDatabase(client.GetDatabase(database), client);
    }
}
