namespace AstroBot.Continuity.Crypto;

/// <summary>A key sealed under the key-encryption key <paramref name="KekId"/> (see <see cref="KeyWrapping"/>).</summary>
/// <param name="KekId">The <see cref="KeyEncryptionKey.Id"/> that unwraps it.</param>
/// <param name="Ciphertext">The sealed key, as <see cref="Aead.Seal"/> returns it.</param>
public sealed record WrappedKey(string KekId, byte[] Ciphertext);
