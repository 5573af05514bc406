using System.Text;
using System.Text.Json;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Tests.Crypto;

namespace AstroBot.Continuity.Tests.Backup.Format;

public sealed class ManifestCodecTests
{
    private const string Id = "20261127T020000Z-incr-1a2b3c4d";

    private readonly KeyEncryptionKey kek = TestKeys.NewKek();

    private static BackupManifest Manifest(int formatVersion = BackupManifest.CurrentFormatVersion) => new()
    {
        FormatVersion = formatVersion,
        BackupId = Id,
        Kind = BackupKind.Incremental,
        BaseBackupId = "20261127T010000Z-full-0a0b0c0d",
        ParentBackupId = "20261127T013000Z-incr-0e0f0a0b",
        SourceAccount = "astrobot.documents.azure.com",
        SourceDatabase = "astrobot",
        StartedAt = new DateTimeOffset(2026, 11, 27, 3, 0, 0, 123, TimeSpan.FromHours(1)),
        CompletedAt = new DateTimeOffset(2026, 11, 27, 2, 4, 5, 678, TimeSpan.Zero),
        Encryption = new ManifestEncryption { KekId = "kek-0123456789abcdef", WrappedDataKey = "q+/w8Q==" },
        Containers =
        [
            new ContainerManifest
            {
                Name = "accounts",
                ItemCount = 3,
                RawBytes = 512,
                ContentChecksum = new string('a', 64),
                ChangeFeedStart = "[{\"token\":\"\\\"12\\\"\",\"range\":{\"min\":\"\",\"max\":\"FF\"}}]",
                ChangeFeedEnd = "[{\"token\":\"\\\"15\\\"\",\"range\":{\"min\":\"\",\"max\":\"FF\"}}]",
                Chunks = [new ChunkManifest("chunks/accounts/000000.chunk", 2, 300, new string('b', 64)), new ChunkManifest("chunks/accounts/000001.chunk", 1, 200, new string('c', 64))],
            },
            new ContainerManifest
            {
                Name = "messages",
                ItemCount = 0,
                RawBytes = 0,
                ContentChecksum = new string('0', 64),
                ChangeFeedStart = "s",
                ChangeFeedEnd = "e",
                Chunks = [],
            },
        ],
    };

    [Fact]
    public void Read_WhatWriteWrote_GivesTheSameManifest()
    {
        var expected = Manifest();

        var sut = ManifestCodec.Read(ManifestCodec.Write(expected, kek), new KeyRing(kek), Id);

        Assert.Equal(Json(expected), Json(sut));
        Assert.Equal(expected.StartedAt, sut.StartedAt);
        Assert.Equal(expected.StartedAt.Offset, sut.StartedAt.Offset);
        Assert.Equal(expected.Containers[0].Chunks, sut.Containers[0].Chunks);
        Assert.Equal(3, sut.ItemCount);
        Assert.Equal(500, sut.StoredBytes);
    }

    [Fact]
    public void Write_Manifest_UsesTheDocumentedSnakeCaseLayoutAndNamesTheKek()
    {
        var file = ManifestCodec.Write(Manifest(), kek);

        using var document = JsonDocument.Parse(file);
        var manifest = document.RootElement.GetProperty("manifest");
        Assert.Equal(2, manifest.GetProperty("format_version").GetInt32());
        Assert.Equal("incremental", manifest.GetProperty("kind").GetString());
        Assert.Equal(Id, manifest.GetProperty("backup_id").GetString());
        Assert.Equal("per-user", manifest.GetProperty("encryption").GetProperty("user_keys").GetString());
        var mac = document.RootElement.GetProperty("mac");
        Assert.Equal("HMAC-SHA256", mac.GetProperty("algorithm").GetString());
        Assert.Equal(kek.Id, mac.GetProperty("kek_id").GetString());
        Assert.Equal(64, mac.GetProperty("value").GetString()!.Length);
    }

    [Fact]
    public void Read_AnySingleByteOfTheBodyChanged_DoesNotAuthenticate()
    {
        var file = ManifestCodec.Write(Manifest(), kek);
        var (start, end) = BodyRange(file);
        var ring = new KeyRing(kek);
        var tried = 0;

        foreach (var position in ChangeablePositions(file, start, end))
        {
            var altered = (byte[])file.Clone();
            altered[position] = Changed(altered[position]);

            var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(altered, ring, Id));

            Assert.Contains("does not authenticate", exception.Message, StringComparison.Ordinal);
            Assert.Equal(Id, exception.BackupId);
            tried++;
        }

        Assert.True(tried > 500, $"only {tried} positions were tried");
    }

    [Fact]
    public void Read_WhitespaceAddedInsideTheBody_DoesNotAuthenticate()
    {
        var file = ManifestCodec.Write(Manifest(), kek);
        var (start, _) = BodyRange(file);
        var altered = file[..(start + 1)].Concat(" "u8.ToArray()).Concat(file[(start + 1)..]).ToArray();

        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(altered, new KeyRing(kek), Id));

        Assert.Contains("does not authenticate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MacValueChanged_DoesNotAuthenticate()
    {
        var file = Encoding.UTF8.GetString(ManifestCodec.Write(Manifest(), kek));
        var mac = JsonDocument.Parse(file).RootElement.GetProperty("mac").GetProperty("value").GetString()!;
        var forged = file.Replace(mac, (mac[0] == '0' ? "1" : "0") + mac[1..], StringComparison.Ordinal);

        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(Encoding.UTF8.GetBytes(forged), new KeyRing(kek), Id));

        Assert.Contains("does not authenticate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KekIdChangedToAnotherKeyOfTheRing_DoesNotAuthenticate()
    {
        var other = TestKeys.NewKek();
        var file = Encoding.UTF8.GetString(ManifestCodec.Write(Manifest(), kek)).Replace(kek.Id, other.Id, StringComparison.Ordinal);

        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(Encoding.UTF8.GetBytes(file), new KeyRing(kek, other), Id));

        Assert.Contains("does not authenticate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KekIdChangedToAnUnknownKey_ThrowsKeyRingExceptionNamingIt()
    {
        var file = Encoding.UTF8.GetString(ManifestCodec.Write(Manifest(), kek)).Replace(kek.Id, "kek-ffffffffffffffff", StringComparison.Ordinal);

        var exception = Assert.Throws<KeyRingException>(() => ManifestCodec.Read(Encoding.UTF8.GetBytes(file), new KeyRing(kek), Id));

        Assert.Contains("kek-ffffffffffffffff", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SignedByAKekNotInTheRing_ThrowsKeyRingException()
    {
        var file = ManifestCodec.Write(Manifest(), kek);

        var exception = Assert.Throws<KeyRingException>(() => ManifestCodec.Read(file, new KeyRing(TestKeys.NewKek()), Id));

        Assert.Contains(kek.Id, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SignedByARetiredKek_Authenticates()
    {
        var file = ManifestCodec.Write(Manifest(), kek);

        var sut = ManifestCodec.Read(file, new KeyRing(TestKeys.NewKek(), kek), Id);

        Assert.Equal(Id, sut.BackupId);
    }

    [Fact]
    public void Read_ManifestOfAnotherBackup_IsRefused()
    {
        var file = ManifestCodec.Write(Manifest(), kek);

        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(file, new KeyRing(kek), "20261127T030000Z-incr-99999999"));

        Assert.Contains($"belongs to backup {Id}", exception.Message, StringComparison.Ordinal);
        Assert.Equal("20261127T030000Z-incr-99999999", exception.BackupId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Read_UnknownFormatVersion_IsRefused(int version)
    {
        var file = ManifestCodec.Write(Manifest(formatVersion: version), kek);

        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(file, new KeyRing(kek), Id));

        Assert.Contains($"format version {version}; this version reads 1 to 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version1Manifest_IsStillRead()
    {
        var file = ManifestCodec.Write(Manifest(formatVersion: 1), kek);

        Assert.Equal(1, ManifestCodec.Read(file, new KeyRing(kek), Id).FormatVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"manifest\":{}}")]
    [InlineData("{\"manifest\":{},\"mac\":{\"kek_id\":\"x\"}")]
    public void Read_NotAManifestFile_ThrowsIntegrityException(string content)
    {
        var exception = Assert.Throws<BackupIntegrityException>(() => ManifestCodec.Read(Encoding.UTF8.GetBytes(content), new KeyRing(kek), Id));

        Assert.Contains("not a valid manifest file", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Id, exception.BackupId);
    }

    [Fact]
    public void Read_MacValueNotHex_ThrowsIntegrityException()
    {
        var file = Encoding.UTF8.GetString(ManifestCodec.Write(Manifest(), kek));
        var mac = JsonDocument.Parse(file).RootElement.GetProperty("mac").GetProperty("value").GetString()!;

        var exception = Assert.Throws<BackupIntegrityException>(() =>
            ManifestCodec.Read(Encoding.UTF8.GetBytes(file.Replace(mac, "zz" + mac[2..], StringComparison.Ordinal)), new KeyRing(kek), Id));

        Assert.Contains("not a valid manifest file", exception.Message, StringComparison.Ordinal);
    }

    private static string Json(BackupManifest manifest) => JsonSerializer.Serialize(manifest);

    /// <summary>Where the value of "manifest" starts and ends in the file.</summary>
    private static (int Start, int End) BodyRange(byte[] file)
    {
        var reader = new Utf8JsonReader(file);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("manifest"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return (start, (int)reader.BytesConsumed);
            }
        }

        throw new InvalidOperationException("no manifest property");
    }

    /// <summary>Letters and digits of the body that can change while the file stays valid JSON: inside strings (not escapes) and digits of numbers.</summary>
    private static IEnumerable<int> ChangeablePositions(byte[] file, int start, int end)
    {
        var inString = false;
        for (var i = start; i < end; i++)
        {
            var b = file[i];
            if (inString && b == '\\')
            {
                i += file[i + 1] == 'u' ? 5 : 1;
                continue;
            }

            if (b == '"')
            {
                inString = !inString;
                continue;
            }

            if ((inString && char.IsAsciiLetterOrDigit((char)b)) || (!inString && char.IsAsciiDigit((char)b)))
            {
                yield return i;
            }
        }
    }

    private static byte Changed(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'8' => (byte)(b + 1),
        (byte)'9' => (byte)'1',
        >= (byte)'a' and <= (byte)'z' => (byte)(b - 32),
        _ => (byte)(b + 32),
    };
}
