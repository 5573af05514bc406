namespace AstroBot.Continuity.Crypto;

/// <summary>Where the keyring comes from: local settings and files, or Key Vault.</summary>
public interface IKeyRingSource
{
    /// <exception cref="KeyRingException">No usable current key, or a configured key cannot be read.</exception>
    Task<KeyRing> LoadAsync(CancellationToken cancellationToken);
}
