namespace AstroBot.Continuity.Identity;

/// <summary>
/// The directory's part of DELETE MY DATA: the person is marked as being erased first (from then on nothing links
/// to them and no identifier resolves to them), then every link to them and every conflict naming them goes, then
/// their record. A change of identifier linked at the same moment either lands before the mark (and is erased
/// with the rest) or after it (and starts a new person with nothing of the old one).
/// </summary>
public sealed class IdentityEraser(IdentityDirectory directory)
{
    private const int MaxRounds = 8;

    /// <summary>Removes the person with <paramref name="userKey"/> from the directory.</summary>
    /// <returns>How many identifiers they had (0 when the directory did not know them).</returns>
    public async Task<int> EraseAsync(string userKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        for (var round = 0; round < MaxRounds; round++)
        {
            var person = await directory.GetPersonAsync(userKey, ct).ConfigureAwait(false);
            if (person is null)
            {
                await RemoveConflictsAsync(userKey, ct).ConfigureAwait(false);
                return 0;
            }

            if (person.IsActive)
            {
                person = await directory.TryReplacePersonAsync(person with { State = PersonState.Erasing }, ct).ConfigureAwait(false);
                if (person is null)
                {
                    continue; // changed meanwhile: mark the latest version
                }
            }

            foreach (var entry in person.Identifiers)
            {
                await directory.RemoveLinkAsync(entry.Identifier, userKey, ct).ConfigureAwait(false);
            }

            await RemoveConflictsAsync(userKey, ct).ConfigureAwait(false);
            if (await directory.TryDeletePersonAsync(person, ct).ConfigureAwait(false))
            {
                return person.Identifiers.Count;
            }
        }

        throw new InvalidOperationException($"The person's identity record kept changing under {MaxRounds} rounds; run the erasure again.");
    }

    private async Task RemoveConflictsAsync(string userKey, CancellationToken ct)
    {
        foreach (var conflict in await directory.ListConflictsAsync(ct).ConfigureAwait(false))
        {
            if (conflict.HeldBy == userKey || conflict.ClaimedBy == userKey)
            {
                await directory.RemoveConflictAsync(conflict.Identifier, ct).ConfigureAwait(false);
            }
        }
    }
}
