using System.Security.Cryptography;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Tests.Crypto;

/// <summary>Fresh random key-encryption keys for tests, as objects or in their configured (base64) form.</summary>
internal static class TestKeys
{
    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static KeyEncryptionKey NewKek() => new(RandomNumberGenerator.GetBytes(32));

    public static KeyEncryptionKey FromBase64(string base64) => new(Convert.FromBase64String(base64));
}
