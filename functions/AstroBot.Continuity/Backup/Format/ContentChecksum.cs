using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// An order-independent checksum of a set of items: the SHA-256 of each item's canonical JSON, added up lane by
/// lane (four 64-bit lanes, wrapping). Order does not matter (read feeds have none), and unlike XOR a duplicated
/// or missing item always changes it.
/// </summary>
public sealed class ContentChecksum
{
    private readonly ulong[] lanes = new ulong[4];

    public long Count { get; private set; }

    /// <summary>A checksum taken on from where a run checkpointed it (<see cref="ToString"/> and <see cref="Count"/>).</summary>
    public static ContentChecksum Resume(string hex, long count)
    {
        var bytes = Convert.FromHexString(hex);
        var checksum = new ContentChecksum { Count = count };
        for (var lane = 0; lane < checksum.lanes.Length; lane++)
        {
            checksum.lanes[lane] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(lane * 8));
        }

        return checksum;
    }

    public void Add(ReadOnlySpan<byte> canonicalJson)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalJson, hash);
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] += BinaryPrimitives.ReadUInt64LittleEndian(hash[(lane * 8)..]);
        }

        Count++;
    }

    /// <summary>Adds another set's checksum: the checksum of both sets together (of a container read in parts).</summary>
    public void Add(ContentChecksum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] += other.lanes[lane];
        }

        Count += other.Count;
    }

    /// <summary>Hex, 64 characters.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[(lane * 8)..], lanes[lane]);
        }

        return Convert.ToHexStringLower(bytes);
    }
}
