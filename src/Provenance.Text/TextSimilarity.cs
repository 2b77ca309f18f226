using System.Runtime.InteropServices;
using Provenance.Text.Diff;
using Provenance.Text.Tokens;

namespace Provenance.Text;

/// <summary>
/// The one measure of how alike two paragraphs are, used by move detection, paragraph realignment and blame:
/// the Dice coefficient of their word bags (word and number tokens, repeated words counted as often as they occur).
/// </summary>
public static class TextSimilarity
{
    /// <summary>2 × words in common (as multisets) / (words of <paramref name="left"/> + words of <paramref name="right"/>); 0 when neither has words.</summary>
    public static double Words(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var words = new Interner();
        long work = 0;
        return Dice(Bag(left, words), Bag(right, words), ref work);
    }

    /// <summary>Sorted word ids of a text, repeated words repeated, so a merge counts the multiset overlap.</summary>
    internal static int[] Bag(string text, Interner words)
    {
        var bag = new List<int>();
        var scanner = new Tokenizer.WordScanner(text);
        while (scanner.Next(out var start, out var end, out var kind))
        {
            if (kind is TokenKind.Word or TokenKind.Number)
            {
                bag.Add(words.Id(text.AsSpan(start, end - start)));
            }
        }

        var array = bag.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>
    /// The word bags of two texts' lines (<paramref name="left"/> first), each built once, on first use: paragraph
    /// realignment and move detection compare the same changed paragraphs.
    /// </summary>
    internal sealed class LineBags(string[] left, string[] right)
    {
        private readonly Interner _words = new();
        private readonly Dictionary<(bool, int), int[]> _bags = [];

        public int[] Of(bool leftSide, int line)
        {
            ref var bag = ref CollectionsMarshal.GetValueRefOrAddDefault(_bags, (leftSide, line), out _);
            return bag ??= Bag(leftSide ? left[line] : right[line], _words);
        }
    }

    /// <summary>Dice of two sorted bags, by merging them; adds the steps taken to <paramref name="work"/>.</summary>
    internal static double Dice(int[] a, int[] b, ref long work)
    {
        if (a.Length + b.Length == 0)
        {
            return 0;
        }

        work += a.Length + b.Length;
        return 2.0 * Common(a, b) / (a.Length + b.Length);
    }

    /// <summary>Elements two sorted arrays share, repeated ones as often as both hold them.</summary>
    internal static int Common(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) { i++; }
            else { j++; }
        }

        return common;
    }
}
