using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Hosting;

/// <summary>Reads a request body into memory, refusing bodies larger than a limit before or while reading.</summary>
internal static class RequestBodyReader
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The raw body, or null when it is (or declares itself) longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // A declared length sizes the buffer once; a chunked body grows it, but never past the limit.
        using var buffer = new MemoryStream((int)(request.ContentLength ?? ChunkBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
