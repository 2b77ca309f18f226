using System.Numerics;
using System.Security.Cryptography;

namespace Provenance.Data.Auditing;

/// <summary>A perfect subtree: level 0 is a leaf; (level, index) covers leaves [index·2^level, (index+1)·2^level).</summary>
public readonly record struct MerkleNode(int Level, long Index)
{
    public long Start => Index << Level;

    public long End => (Index + 1) << Level;
}

/// <summary>
/// The Merkle tree of RFC 9162 §2.1 over perfect subtrees looked up by the caller (from the database,
/// or from memory in tests and benchmarks). Every range this asks for splits at a power of two, so each
/// root, path or proof reads O(log n) stored subtrees.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>MTH of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> buffer = stackalloc byte[1 + leaf.Length];
        buffer[0] = 0x00;
        leaf.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The perfect subtrees that make up the tree of <paramref name="size"/> leaves, left to right (its right frontier).</summary>
    public static IEnumerable<MerkleNode> Frontier(long size)
    {
        for (var level = 63; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                yield return new MerkleNode(level, (size >> level) - 1);
            }
        }
    }

    /// <summary>
    /// Appends leaf hashes to a tree of <paramref name="size"/> leaves whose frontier hashes are given (left to right),
    /// and returns every perfect subtree completed on the way: the new leaves and the parents they close.
    /// </summary>
    public static List<(MerkleNode Node, byte[] Hash)> Append(long size, IReadOnlyList<byte[]> frontier, IEnumerable<byte[]> leafHashes)
    {
        var range = new CompactRange(size, frontier);
        var added = new List<(MerkleNode, byte[])>();
        foreach (var leaf in leafHashes)
        {
            range.Append(leaf, added);
        }

        return added;
    }

    /// <summary>MTH(D[start:end]) (RFC 9162 §2.1.1), built from the largest aligned perfect subtrees.</summary>
    public static byte[] RangeHash(long start, long end, Func<MerkleNode, byte[]> node)
    {
        var length = end - start;
        if (length == 0)
        {
            return EmptyRoot;
        }

        if (BitOperations.IsPow2(length) && start % length == 0)
        {
            return node(new MerkleNode(BitOperations.Log2((ulong)length), start / length));
        }

        var k = LargestPowerOfTwoBelow(length);
        return NodeHash(RangeHash(start, start + k, node), RangeHash(start + k, end, node));
    }

    /// <summary>PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the audit path of leaf <paramref name="index"/>, leaf side first.</summary>
    public static List<byte[]> InclusionProof(long index, long size, Func<MerkleNode, byte[]> node)
    {
        var proof = new List<byte[]>();
        Path(index, 0, size, node, proof);
        return proof;
    }

    private static void Path(long index, long start, long end, Func<MerkleNode, byte[]> node, List<byte[]> proof)
    {
        if (end - start <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (index < start + k)
        {
            Path(index, start, start + k, node, proof);
            proof.Add(RangeHash(start + k, end, node));
        }
        else
        {
            Path(index, start + k, end, node, proof);
            proof.Add(RangeHash(start, start + k, node));
        }
    }

    /// <summary>PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1; empty when m is 0 or n.</summary>
    public static List<byte[]> ConsistencyProof(long from, long to, Func<MerkleNode, byte[]> node)
    {
        var proof = new List<byte[]>();
        if (from > 0 && from < to)
        {
            SubProof(from, 0, to, true, node, proof);
        }

        return proof;
    }

    private static void SubProof(long m, long start, long end, bool complete, Func<MerkleNode, byte[]> node, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(RangeHash(start, end, node));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, node, proof);
            proof.Add(RangeHash(start + k, end, node));
        }
        else
        {
            SubProof(m - k, start + k, end, false, node, proof);
            proof.Add(RangeHash(start, start + k, node));
        }
    }

    /// <summary>
    /// Runs <paramref name="computation"/> with a lookup that only records which subtrees it asks for, so the
    /// caller can fetch exactly those (one query) and run it again with the real hashes.
    /// </summary>
    public static HashSet<MerkleNode> NodesUsedBy(Action<Func<MerkleNode, byte[]>> computation)
    {
        var used = new HashSet<MerkleNode>();
        var placeholder = new byte[HashSize];
        computation(n =>
        {
            used.Add(n);
            return placeholder;
        });
        return used;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}

/// <summary>The right frontier of a tree being built leaf by leaf: O(log n) hashes, enough to append and to give the root.</summary>
public sealed class CompactRange
{
    private readonly List<(MerkleNode Node, byte[] Hash)> _stack;

    public CompactRange(long size = 0, IReadOnlyList<byte[]>? frontier = null)
    {
        _stack = [.. MerkleTree.Frontier(size).Zip(frontier ?? [])];
        if (_stack.Count != MerkleTree.Frontier(size).Count())
        {
            throw new ArgumentException($"A tree of {size} leaves has {MerkleTree.Frontier(size).Count()} frontier hashes.", nameof(frontier));
        }

        Size = size;
    }

    public long Size { get; private set; }

    /// <summary>Adds a leaf hash; <paramref name="completed"/>, when given, receives the leaf and every parent it completes.</summary>
    public void Append(byte[] leafHash, List<(MerkleNode, byte[])>? completed = null)
    {
        var top = (Node: new MerkleNode(0, Size++), Hash: leafHash);
        completed?.Add(top);
        while (_stack.Count > 0 && _stack[^1].Node.Level == top.Node.Level)
        {
            var left = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            top = (new MerkleNode(top.Node.Level + 1, left.Node.Index >> 1), MerkleTree.NodeHash(left.Hash, top.Hash));
            completed?.Add(top);
        }

        _stack.Add(top);
    }

    /// <summary>MTH of the leaves so far: the frontier folded from the right.</summary>
    public byte[] Root()
    {
        if (_stack.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var hash = _stack[^1].Hash;
        for (var i = _stack.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(_stack[i].Hash, hash);
        }

        return hash;
    }
}
