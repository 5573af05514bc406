using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Audit;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>Builds one person's export archive from the live data, their audit trail and their identifiers.</summary>
public sealed class UserExporter(UserDataReader reader, AuditTrail audit, IdentityDirectory identities, TimeProvider time)
{
    public async Task<UserExport> ExportAsync(string waId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waId);
        var data = new UserData(
            waId,
            await reader.ReadAsync(waId, cancellationToken).ConfigureAwait(false),
            await audit.ListAsync(waId, cancellationToken).ConfigureAwait(false),
            IdentifierRecords.From(await identities.GetPersonAsync(waId, cancellationToken).ConfigureAwait(false)));
        var generatedAt = time.GetUtcNow();
        return new UserExport(data, generatedAt, ExportArchive.Build(data, generatedAt));
    }
}

/// <summary>An export: what it holds, when it was made, and the ZIP.</summary>
public sealed record UserExport(UserData Data, DateTimeOffset GeneratedAt, byte[] Archive);
