using System.Diagnostics.CodeAnalysis;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// The key-encryption keys this host can use: the current one, which wraps everything new, and retired ones,
/// kept so that what they wrapped (older backups) stays readable after a rotation.
/// </summary>
public sealed class KeyRing
{
    private readonly Dictionary<string, KeyEncryptionKey> byId = new(StringComparer.Ordinal);

    /// <param name="current">The key that wraps everything new.</param>
    /// <param name="retired">Older keys; a repeat of the current key or of each other is ignored.</param>
    public KeyRing(KeyEncryptionKey current, params IEnumerable<KeyEncryptionKey> retired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(retired);
        Current = current;
        List<KeyEncryptionKey> all = [current];
        byId[current.Id] = current;
        foreach (var key in retired)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(retired));
            if (byId.TryAdd(key.Id, key))
            {
                all.Add(key);
            }
        }

        All = all.AsReadOnly();
    }

    /// <summary>The key that wraps everything new.</summary>
    public KeyEncryptionKey Current { get; }

    /// <summary>Every key in the ring, the current one first, each once.</summary>
    public IReadOnlyCollection<KeyEncryptionKey> All { get; }

    public bool TryGet(string id, [NotNullWhen(true)] out KeyEncryptionKey? key) => byId.TryGetValue(id, out key);

    /// <exception cref="KeyRingException">No key in the ring has this id.</exception>
    public KeyEncryptionKey Get(string id) =>
        TryGet(id, out var key)
            ? key
            : throw new KeyRingException(
                $"The key-encryption key '{id}' is not in the keyring; add it back to Crypto:RetiredKeks/RetiredKekFiles or Key Vault to read what it protects");
}
