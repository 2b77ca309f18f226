using System.Runtime.InteropServices;

namespace Provenance.Text.Diff;

/// <summary>
/// Maps tokens to dense ids once, so diffs compare ints instead of strings. The platform dictionary with its
/// default string comparer: it switches to randomized hashing when keys collide, so crafted colliding lines cost
/// no more than random ones. A token given as a span becomes a string only the first time it is seen.
/// </summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spans;

    public Interner() => _spans = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Distinct tokens seen; ids are 0 to Count − 1.</summary>
    public int Count => _ids.Count;

    public int Id(string token)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, token, out var seen);
        if (!seen)
        {
            id = _ids.Count - 1;
        }

        return id;
    }

    public int Id(ReadOnlySpan<char> token) => Id(token, out _);

    /// <summary>The id of <paramref name="token"/> and the one string kept for it, shared by all its occurrences.</summary>
    public int Id(ReadOnlySpan<char> token, out string text)
    {
        if (!_spans.TryGetValue(token, out var kept, out var id))
        {
            (kept, id) = (token.ToString(), _ids.Count);
            _ids.Add(kept, id);
        }

        text = kept;
        return id;
    }

    public int[] Ids(IReadOnlyList<string> tokens) => [.. tokens.Select(Id)];
}
