using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Bench.Bare;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>How the items of a chunk are laid out before compression.</summary>
internal enum FormatLayout
{
    /// <summary>One compressed stream per user per chunk, as the product writes them (each sealed under that user's key).</summary>
    PerUserBlock,

    /// <summary>One compressed stream per chunk: the same bytes in the same order, no per-user split.</summary>
    PerChunk,
}

/// <summary>
/// One codec over NDJSON (one canonical item per line). <paramref name="ItemByItem"/>: the stream is written one
/// item and one newline at a time; otherwise the NDJSON is built in a buffer and handed to the codec in one write
/// (that buffering is on the clock too).
/// </summary>
internal sealed record FormatCodec(string Name, Func<Stream, Stream>? Compressor, Func<Stream, Stream>? Decompressor, bool ItemByItem = false)
{
    public const string ItemByItemQ1 = "Brotli Fastest (q1), item by item";

    public const string OneWriteQ1 = "Brotli Fastest (q1), one write";

    public static IReadOnlyList<FormatCodec> All { get; } =
    [
        new("uncompressed", null, null),
        new("GZip Fastest", s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true), s => new GZipStream(s, CompressionMode.Decompress)),
        new(ItemByItemQ1, s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress), ItemByItem: true),
        new(OneWriteQ1, s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress)),
        new("Brotli Optimal (q4), one write", s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress)),
        new("Brotli q6, one write", s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 6 }, leaveOpen: true), s => new BrotliStream(s, CompressionMode.Decompress)),
    ];
}

/// <summary>One codec and layout over all the items: bytes out, and the fastest of the repeats (one thread).</summary>
internal sealed record FormatResult(string Codec, FormatLayout Layout, long Streams, long InputBytes, long OutputBytes, TimeSpan Encode, TimeSpan Decode)
{
    public double Ratio => InputBytes > 0 ? (double)OutputBytes / InputBytes : double.NaN;
}

/// <summary>The product's own chunks (<see cref="ChunkBuilder"/>: per-user Brotli Fastest, sealed under user keys and the data key).</summary>
/// <param name="SealCpu">This process's CPU time over the sealing, the least of the repeats: on a busy machine a thread's wall time includes waiting for a core, its CPU time does not.</param>
internal sealed record ProductFormatResult(long Chunks, long Blocks, long InputBytes, long OutputBytes, TimeSpan Seal, TimeSpan Open, TimeSpan SealCpu)
{
    public double Ratio => InputBytes > 0 ? (double)OutputBytes / InputBytes : double.NaN;
}

/// <summary>All of the format comparison.</summary>
internal sealed record FormatComparisonResult(
    long Items, long Users, long Chunks, long Blocks, long CanonicalBytes, long FeedJsonBytes, int Repeats,
    IReadOnlyList<FormatResult> Variants, ProductFormatResult Product);

/// <summary>
/// The chunk format choice, measured on the canonical items of the bare read, cut into chunks as the backup cuts
/// them (per container, in feed order, at <c>Backup:ChunkBytes</c> of NDJSON) and grouped per user within each
/// chunk as the backup groups them. Each codec runs once per user block and once per chunk over the same bytes
/// in the same order, so the cost of the per-user blocks (what makes crypto-shredding possible) is the difference.
/// CPU only, one thread, nothing sent anywhere.
/// </summary>
internal static class FormatComparison
{
    public static async Task<FormatComparisonResult> RunAsync(ReadData data, int chunkBytes, int repeats, TextWriter progress, CancellationToken ct)
    {
        var chunks = Chunk(data, chunkBytes);
        var blocks = chunks.SelectMany(chunk => chunk).ToList();
        var inputBytes = blocks.Sum(block => block.Sum(item => (long)item.Json.Length + 1));
        var results = new List<FormatResult>();
        foreach (var codec in FormatCodec.All)
        {
            foreach (var layout in new[] { FormatLayout.PerUserBlock, FormatLayout.PerChunk })
            {
                var streams = layout == FormatLayout.PerUserBlock
                    ? blocks
                    : chunks.Select(chunk => (IReadOnlyList<CanonicalItem>)chunk.SelectMany(block => block).ToList()).ToList();
                var result = Measure(codec, layout, streams, repeats);
                progress.WriteLine($"  format: {codec.Name,-36} {layout,-12} {result.OutputBytes,12:N0} bytes ({result.Ratio:P1} of NDJSON)  encode {Rate(inputBytes, result.Encode),6:F1} MB/s  decode {Rate(inputBytes, result.Decode),6:F1} MB/s");
                results.Add(result);
                ct.ThrowIfCancellationRequested();
            }
        }

        var product = await MeasureProductAsync(chunks, repeats, ct).ConfigureAwait(false);
        progress.WriteLine($"  format: product chunks (ChunkBuilder, sealed) {product.OutputBytes,12:N0} bytes ({product.Ratio:P1} of NDJSON)  seal {Rate(inputBytes, product.Seal),6:F1} MB/s  open {Rate(inputBytes, product.Open),6:F1} MB/s");
        var users = blocks.Select(block => block[0].WaId).Distinct(StringComparer.Ordinal).Count();
        return new FormatComparisonResult(data.ItemCount, users, chunks.Count, blocks.Count, inputBytes, data.FeedJsonBytes, repeats, results, product);
    }

    public static double Rate(long bytes, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? bytes / 1e6 / elapsed.TotalSeconds : double.NaN;

    /// <summary>Chunks as <c>ContainerBackup</c> cuts them; each chunk's items grouped per user in <c>ChunkBuilder</c>'s order.</summary>
    private static List<List<IReadOnlyList<CanonicalItem>>> Chunk(ReadData data, int chunkBytes)
    {
        var chunks = new List<List<IReadOnlyList<CanonicalItem>>>();
        foreach (var container in data.Containers)
        {
            var current = new List<CanonicalItem>();
            long raw = 0;
            foreach (var item in container.Items)
            {
                current.Add(item);
                raw += item.Json.Length + 1;
                if (raw >= chunkBytes)
                {
                    chunks.Add(Group(current));
                    current = [];
                    raw = 0;
                }
            }

            if (current.Count > 0)
            {
                chunks.Add(Group(current));
            }
        }

        return chunks;

        static List<IReadOnlyList<CanonicalItem>> Group(List<CanonicalItem> items) =>
            items.GroupBy(item => item.WaId is null ? string.Empty : UserReferences.For(item.WaId), StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => (IReadOnlyList<CanonicalItem>)group.ToList())
                .ToList();
    }

    private static FormatResult Measure(FormatCodec codec, FormatLayout layout, IReadOnlyList<IReadOnlyList<CanonicalItem>> streams, int repeats)
    {
        var encoded = new byte[streams.Count][];
        var encode = TimeSpan.MaxValue;
        var decode = TimeSpan.MaxValue;
        var buffer = new byte[64 * 1024];
        using var ndjson = new MemoryStream();
        using var output = new MemoryStream();
        for (var round = 0; round < repeats; round++)
        {
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < streams.Count; i++)
            {
                output.SetLength(0);
                if (codec.Compressor is null)
                {
                    WriteNdjson(output, streams[i]);
                }
                else
                {
                    using var writer = codec.Compressor(output);
                    if (codec.ItemByItem)
                    {
                        WriteNdjson(writer, streams[i]);
                    }
                    else
                    {
                        ndjson.SetLength(0);
                        WriteNdjson(ndjson, streams[i]);
                        writer.Write(ndjson.GetBuffer().AsSpan(0, (int)ndjson.Length));
                    }
                }

                encoded[i] = output.ToArray();
            }

            encode = Min(encode, Stopwatch.GetElapsedTime(started));

            started = Stopwatch.GetTimestamp();
            foreach (var bytes in encoded)
            {
                using var input = new MemoryStream(bytes, writable: false);
                using var reader = codec.Decompressor?.Invoke(input) ?? input;
                while (reader.Read(buffer) > 0)
                {
                }
            }

            decode = Min(decode, Stopwatch.GetElapsedTime(started));
        }

        var inputBytes = streams.Sum(stream => stream.Sum(item => (long)item.Json.Length + 1));
        return new FormatResult(codec.Name, layout, streams.Count, inputBytes, encoded.Sum(bytes => (long)bytes.Length), encode, decode);
    }

    /// <summary>The product's chunk format end to end: <see cref="ChunkBuilder.SealAsync"/>, then <see cref="ChunkReader"/> and <see cref="ChunkItems"/> to open it.</summary>
    private static async Task<ProductFormatResult> MeasureProductAsync(List<List<IReadOnlyList<CanonicalItem>>> chunks, int repeats, CancellationToken ct)
    {
        var dataKey = KeyWrapping.NewDataKey();
        var keys = new InMemoryUserKeys(chunks.SelectMany(chunk => chunk).Select(block => block[0].WaId).OfType<string>());
        var blockKeys = new BlockKeys("bench-format", DateTimeOffset.UnixEpoch, dataKey, keys.Ring, keys, new Dictionary<string, ErasureRecord>());
        var sealedChunks = new byte[chunks.Count][];
        var seal = TimeSpan.MaxValue;
        var sealCpu = TimeSpan.MaxValue;
        var open = TimeSpan.MaxValue;
        long blocks = 0;
        using var self = Process.GetCurrentProcess();
        for (var round = 0; round < repeats; round++)
        {
            GC.Collect();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < chunks.Count; i++)
            {
                var builder = new ChunkBuilder();
                foreach (var item in chunks[i].SelectMany(block => block))
                {
                    builder.Add(item);
                }

                sealedChunks[i] = await builder.SealAsync(Address(i), dataKey, keys, ct).ConfigureAwait(false);
            }

            seal = Min(seal, Stopwatch.GetElapsedTime(started));
            self.Refresh();
            sealCpu = Min(sealCpu, self.TotalProcessorTime - cpuBefore);

            started = Stopwatch.GetTimestamp();
            blocks = 0;
            for (var i = 0; i < sealedChunks.Length; i++)
            {
                var userBlocks = ChunkReader.OpenChunk(sealedChunks[i], dataKey, Address(i));
                var contents = await ChunkItems.OpenAsync(Address(i).ChunkName, userBlocks, blockKeys, includeUser: null, ct).ConfigureAwait(false);
                blocks += userBlocks.Count;
                if (contents.Items.Count != chunks[i].Sum(block => block.Count))
                {
                    throw new InvalidOperationException("A product chunk did not open to the items sealed into it.");
                }
            }

            open = Min(open, Stopwatch.GetElapsedTime(started));
        }

        var inputBytes = chunks.Sum(chunk => chunk.Sum(block => block.Sum(item => (long)item.Json.Length + 1)));
        return new ProductFormatResult(chunks.Count, blocks, inputBytes, sealedChunks.Sum(bytes => (long)bytes.Length), seal, open, sealCpu);

        static ChunkAddress Address(int i) => new("bench-format", BackupLayout.ChunkName("bench", i));
    }

    private static void WriteNdjson(Stream stream, IReadOnlyList<CanonicalItem> items)
    {
        foreach (var item in items)
        {
            stream.Write(item.Json);
            stream.WriteByte((byte)'\n');
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Every user's key made up front, so the product's sealing is timed without the key table.</summary>
    private sealed class InMemoryUserKeys : IUserKeySource
    {
        private readonly Dictionary<string, UserDataKey> keys = new(StringComparer.Ordinal);

        public InMemoryUserKeys(IEnumerable<string> waIds)
        {
            foreach (var waId in waIds.Distinct(StringComparer.Ordinal))
            {
                var reference = UserReferences.For(waId);
                var keyId = Guid.NewGuid().ToString("N");
                var material = RandomNumberGenerator.GetBytes(32);
                keys[reference] = new UserDataKey(reference, keyId, material, UserKeyWrapping.Wrap(Ring.Current, material, reference, keyId));
            }
        }

        /// <summary>The keyring the keys are wrapped with, as the user-key table's rows are.</summary>
        public KeyRing Ring { get; } = new(new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32)));

        public ValueTask<UserDataKey> GetOrCreateAsync(string waId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(keys[UserReferences.For(waId)]);

        public ValueTask<UserDataKey?> FindAsync(string userReference, CancellationToken cancellationToken) =>
            ValueTask.FromResult(keys.TryGetValue(userReference, out var key) ? key : null);
    }
}
