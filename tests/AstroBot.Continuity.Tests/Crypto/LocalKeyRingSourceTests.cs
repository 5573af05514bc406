using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Crypto;

public sealed class LocalKeyRingSourceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("crypto-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task LoadAsync_KekFileWithTrailingNewline_IsTheCurrentKey()
    {
        var base64 = TestKeys.NewBase64();
        var sut = Source(new CryptoOptions { KekFile = await WriteKeyFileAsync("local-kek.key", base64 + "\n") });

        var ring = await sut.LoadAsync(CancellationToken.None);

        Assert.Equal(TestKeys.FromBase64(base64).Id, ring.Current.Id);
        Assert.Single(ring.All);
    }

    [Fact]
    public async Task LoadAsync_KekAndKekFileBothSet_KekWins()
    {
        var kek = TestKeys.NewBase64();
        var sut = Source(new CryptoOptions { Kek = kek, KekFile = await WriteKeyFileAsync("file.key", TestKeys.NewBase64()) });

        var ring = await sut.LoadAsync(CancellationToken.None);

        Assert.Equal(TestKeys.FromBase64(kek).Id, ring.Current.Id);
        Assert.Single(ring.All);
    }

    [Fact]
    public async Task LoadAsync_RetiredKeksAndFiles_AreInTheRingButNotCurrent()
    {
        var current = TestKeys.NewBase64();
        var retiredSetting = TestKeys.NewBase64();
        var retiredFile = TestKeys.NewBase64();
        var sut = Source(new CryptoOptions
        {
            Kek = current,
            RetiredKeks = [retiredSetting],
            RetiredKekFiles = [await WriteKeyFileAsync("old.key", retiredFile + "\n")],
        });

        var ring = await sut.LoadAsync(CancellationToken.None);

        Assert.Equal(TestKeys.FromBase64(current).Id, ring.Current.Id);
        Assert.Equal(
            [TestKeys.FromBase64(current).Id, TestKeys.FromBase64(retiredSetting).Id, TestKeys.FromBase64(retiredFile).Id],
            ring.All.Select(k => k.Id));
    }

    [Fact]
    public async Task LoadAsync_NoKeyConfigured_ThrowsSayingWhatToSet()
    {
        var sut = Source(new CryptoOptions { RetiredKeks = [TestKeys.NewBase64()] });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Equal(
            "No key-encryption key is configured: set Crypto:KekFile, Crypto:Kek or Crypto:KeyVaultUri (see docs/operations/backup-and-restore.md)",
            failure.Message);
    }

    [Fact]
    public async Task LoadAsync_KeyFileMissing_ThrowsNamingThePath()
    {
        var path = Path.Combine(directory, "missing", "local-kek.key");
        var sut = Source(new CryptoOptions { KekFile = path });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"'{path}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Crypto:KekFile", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_RelativeKeyFileMissing_ShowsTheResolvedPathToo()
    {
        var sut = Source(new CryptoOptions { KekFile = "no-such-dir/local-kek.key" });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains(
            $"'no-such-dir/local-kek.key' (resolved to '{Path.GetFullPath("no-such-dir/local-kek.key")}')",
            failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_RetiredKeyFileMissing_ThrowsNamingThePathAndSetting()
    {
        var path = Path.Combine(directory, "old.key");
        var sut = Source(new CryptoOptions { Kek = TestKeys.NewBase64(), RetiredKekFiles = [path] });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"'{path}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Crypto:RetiredKekFiles:0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_KeyFileIsADirectory_ThrowsNamingThePath()
    {
        var sut = Source(new CryptoOptions { KekFile = directory });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"'{directory}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_KeyFileNotAKey_ThrowsNamingThePathButNotTheContent()
    {
        const string Content = "c2hvcnQta2V5";
        var path = await WriteKeyFileAsync("short.key", Content);
        var sut = Source(new CryptoOptions { KekFile = path });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.Contains($"'{path}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("must be base64 of exactly 32 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Content, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_InvalidRetiredKekSetting_ThrowsNamingTheSetting()
    {
        var sut = Source(new CryptoOptions { Kek = TestKeys.NewBase64(), RetiredKeks = ["bm90LWEta2V5"] });

        var failure = await Assert.ThrowsAsync<KeyRingException>(() => sut.LoadAsync(CancellationToken.None));

        Assert.StartsWith("Crypto:RetiredKeks:0 must be base64 of exactly 32 bytes", failure.Message, StringComparison.Ordinal);
    }

    private static LocalKeyRingSource Source(CryptoOptions options) => new(Options.Create(options));

    private async Task<string> WriteKeyFileAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
