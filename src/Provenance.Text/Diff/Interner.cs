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
    private int[] _slots = new int[64];
    private string[] _tokens = new string[32];
    private uint[] _hashes = new uint[32];

    /// <summary>Distinct tokens seen; ids are 0 to Count − 1.</summary>
    public int Count { get; private set; }

    public int Id(string token) => Id(token, token);

    public int Id(ReadOnlySpan<char> token) => Id(token, null);

    public int[] Ids(string[] tokens)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = Id(tokens[i]);
        }

        return ids;
    }

    private int Id(ReadOnlySpan<char> token, string? asString)
    {
        var hash = Hash(token);
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            // A slot holds id + 1; 0 is empty.
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                return Add(slot, hash, asString ?? token.ToString());
            }

            if (_hashes[entry] == hash && token.SequenceEqual(_tokens[entry]))
            {
                return entry;
            }
        }
    }

    private int Add(int slot, uint hash, string token)
    {
        var id = Count++;
        if (id == _tokens.Length)
        {
            Array.Resize(ref _tokens, id * 2);
            Array.Resize(ref _hashes, id * 2);
        }

        (_tokens[id], _hashes[id]) = (token, hash);
        _slots[slot] = id + 1;

        // At most half full, so probe runs stay short.
        if (2 * Count > _slots.Length)
        {
            _slots = new int[_slots.Length * 2];
            var mask = _slots.Length - 1;
            for (var i = 0; i < Count; i++)
            {
                var s = (int)_hashes[i] & mask;
                while (_slots[s] != 0)
                {
                    s = (s + 1) & mask;
                }

                _slots[s] = i + 1;
            }
        }

        return id;
    }

    /// <summary>FxHash over four characters at a time, then a splitmix finalizer so the low bits index well.</summary>
    private static uint Hash(ReadOnlySpan<char> token)
    {
        const ulong seed = 0x517cc1b727220a95;
        var hash = (ulong)token.Length;
        var words = MemoryMarshal.Cast<char, ulong>(token);
        foreach (var word in words)
        {
            hash = (BitOperations.RotateLeft(hash, 5) ^ word) * seed;
        }

        for (var i = words.Length * 4; i < token.Length; i++)
        {
            hash = (BitOperations.RotateLeft(hash, 5) ^ token[i]) * seed;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111eb;
        return (uint)(hash ^ (hash >> 31));
    }
}
