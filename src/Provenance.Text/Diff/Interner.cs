using System.Numerics;
using System.Runtime.InteropServices;

namespace Provenance.Text.Diff;

/// <summary>
/// Maps tokens to dense ids once, so diffs compare ints instead of strings. An open-addressing table of its own:
/// a diff looks up every token of every changed paragraph, and a dictionary's span lookup goes through an
/// interface comparer on each call. A token given as a span becomes a string only the first time it is seen.
/// </summary>
internal sealed class Interner
{
    /// <summary>A slot holds a token's hash in the high half and its id + 1 in the low half; 0 is empty.</summary>
    private ulong[] _slots = new ulong[64];
    private string[] _tokens = new string[32];

    /// <summary>Distinct tokens seen; ids are 0 to Count − 1.</summary>
    public int Count { get; private set; }

    public int Id(string token) => Id(token, token);

    public int Id(ReadOnlySpan<char> token) => Id(token, null);

    public int[] Ids(string[] tokens) => Ids(tokens, Hashes(tokens));

    /// <summary>The ids of two sides' tokens; for long texts (lines) both sides are hashed at once on two cores.</summary>
    public (int[] Left, int[] Right) Ids(string[] left, string[] right)
    {
        uint[] leftHashes = [], rightHashes = [];
        if (left.Sum(t => (long)t.Length) + right.Sum(t => (long)t.Length) >= TextDiffer.ParallelFrom)
        {
            Parallel.Invoke(() => leftHashes = Hashes(left), () => rightHashes = Hashes(right));
        }
        else
        {
            (leftHashes, rightHashes) = (Hashes(left), Hashes(right));
        }

        return (Ids(left, leftHashes), Ids(right, rightHashes));
    }

    private static uint[] Hashes(string[] tokens) => Array.ConvertAll(tokens, t => Hash(t));

    private int[] Ids(string[] tokens, uint[] hashes)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = Id(tokens[i], tokens[i], hashes[i]);
        }

        return ids;
    }

    private int Id(ReadOnlySpan<char> token, string? asString) => Id(token, asString, Hash(token));

    private int Id(ReadOnlySpan<char> token, string? asString, uint hash)
    {
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return Add(slot, hash, asString ?? token.ToString());
            }

            var id = (int)(uint)entry - 1;
            if ((uint)(entry >> 32) == hash && token.SequenceEqual(_tokens[id]))
            {
                return id;
            }
        }
    }

    private int Add(int slot, uint hash, string token)
    {
        var id = Count++;
        if (id == _tokens.Length)
        {
            Array.Resize(ref _tokens, id * 2);
        }

        _tokens[id] = token;
        _slots[slot] = ((ulong)hash << 32) | (uint)(id + 1);

        // At most half full, so probe runs stay short.
        if (2 * Count > _slots.Length)
        {
            var old = _slots;
            _slots = new ulong[old.Length * 2];
            var mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    var s = (int)(entry >> 32) & mask;
                    while (_slots[s] != 0)
                    {
                        s = (s + 1) & mask;
                    }

                    _slots[s] = entry;
                }
            }
        }

        return id;
    }

    /// <summary>
    /// FxHash steps over four characters at a time, in four independent lanes so a long line hashes at the
    /// multiplier's throughput rather than its latency, then a splitmix finalizer so the low bits index well.
    /// </summary>
    private static uint Hash(ReadOnlySpan<char> token)
    {
        const ulong seed = 0x517cc1b727220a95;
        ulong h0 = (ulong)token.Length, h1 = 1, h2 = 2, h3 = 3;
        var words = MemoryMarshal.Cast<char, ulong>(token);
        var i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            h0 = (BitOperations.RotateLeft(h0, 5) ^ words[i]) * seed;
            h1 = (BitOperations.RotateLeft(h1, 5) ^ words[i + 1]) * seed;
            h2 = (BitOperations.RotateLeft(h2, 5) ^ words[i + 2]) * seed;
            h3 = (BitOperations.RotateLeft(h3, 5) ^ words[i + 3]) * seed;
        }

        for (; i < words.Length; i++)
        {
            h0 = (BitOperations.RotateLeft(h0, 5) ^ words[i]) * seed;
        }

        for (var c = words.Length * 4; c < token.Length; c++)
        {
            h0 = (BitOperations.RotateLeft(h0, 5) ^ token[c]) * seed;
        }

        var hash = h0 ^ BitOperations.RotateLeft(h1, 16) ^ BitOperations.RotateLeft(h2, 32) ^ BitOperations.RotateLeft(h3, 48);
        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111eb;
        return (uint)(hash ^ (hash >> 31));
    }
}
