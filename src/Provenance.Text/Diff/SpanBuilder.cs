using System.Text;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>Second level of the diff: tokens inside one changed or moved block, mapped to merged spans.</summary>
internal static class SpanDiff
{
    public static List<DiffSpan> Compare(string left, string right, DiffGranularity granularity, CostBudget budget, Interner? interner = null)
    {
        interner ??= new Interner();
        var lt = Pieces.Of(left, granularity, interner);
        var rt = Pieces.Of(right, granularity, interner);
        var blocks = TokenBlocks(lt.Ids, rt.Ids, budget);
        var builder = new Builder(left, right, lt.WordStarts, rt.WordStarts);
        int pl = 0, pr = 0;
        foreach (var b in blocks)
        {
            for (; pl < b.LeftStart; pl++, pr++)
            {
                builder.Equal(lt.Piece(pl), rt.Piece(pr));
            }

            for (; pl < b.LeftStart + b.LeftCount; pl++)
            {
                builder.Deleted(lt.Piece(pl));
            }

            for (; pr < b.RightStart + b.RightCount; pr++)
            {
                builder.Inserted(rt.Piece(pr));
            }
        }

        for (; pl < lt.Count; pl++, pr++)
        {
            builder.Equal(lt.Piece(pl), rt.Piece(pr));
        }

        return builder.Finish();
    }

    /// <summary>
    /// Exact token diff when affordable, otherwise the differing middle as one block. One comparison may cost up
    /// to the cap; all comparisons of a diff together spend at most the cap in real steps, so unrelated texts
    /// with thousands of changed paragraphs stay fast.
    /// </summary>
    private static List<ChangeBlock> TokenBlocks(int[] a, int[] b, CostBudget budget)
    {
        var (prefix, suffix) = SequenceDiff.CommonEnds(a, b);
        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if (n == 0 && m == 0)
        {
            return [];
        }

        var middle = new ChangeBlock(prefix, n, prefix, m);
        if (n == 0 || m == 0)
        {
            return [middle];
        }

        if (SequenceDiff.EstimateCost(n, m) > budget.MaxPairs)
        {
            budget.Bound("word diff of a changed block exceeded the cost cap; its differing middle is shown as one deletion and insertion");
            return [middle];
        }

        List<ChangeBlock>? blocks = null;
        if (budget.TokenWorkLeft > 0)
        {
            blocks = SequenceDiff.Diff(a, prefix, a.Length - suffix, b, prefix, b.Length - suffix, budget.TokenWorkLeft, out var work);
            budget.TokenWorkLeft -= work;
        }

        if (blocks is null)
        {
            budget.Bound("word diffs of all changed blocks together exceeded the cost cap; some blocks show their differing middle as one deletion and insertion");
            return [middle];
        }

        return blocks;
    }

    /// <summary>Spans for a block that exists on one side only (whole inserted or deleted lines).</summary>
    public static List<DiffSpan> OneSided(string text, DiffSpanKind kind)
    {
        var pieces = Pieces.Of(text, DiffGranularity.Word, interner: null);
        var builder = new Builder(text, text, pieces.WordStarts, pieces.WordStarts);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (kind == DiffSpanKind.Inserted)
            {
                builder.Inserted(pieces.Piece(i));
            }
            else
            {
                builder.Deleted(pieces.Piece(i));
            }
        }

        return builder.Finish();
    }

    public static int CountWords(string text) => Tokenizer.CountWords(text);

    /// <summary>One token as offsets into its text: no string per token.</summary>
    private readonly record struct Piece(int Start, int End, bool Editorial);

    /// <summary>
    /// A text's tokens as offsets, their interned ids and where its words start. Word tokens are scanned straight
    /// from the text (ids looked up by span, so only a token not seen before becomes a string); graphemes and lines
    /// come from the tokenizer.
    /// </summary>
    private sealed class Pieces
    {
        private readonly int[] _starts;
        private readonly int[] _ends;
        private readonly bool[] _editorial;

        private Pieces(int[] starts, int[] ends, bool[] editorial, int[] ids, int[] wordStarts)
        {
            _starts = starts;
            _ends = ends;
            _editorial = editorial;
            Ids = ids;
            WordStarts = wordStarts;
        }

        public int[] Ids { get; }

        public int[] WordStarts { get; }

        public int Count => _starts.Length;

        public Piece Piece(int i) => new(_starts[i], _ends[i], _editorial[i]);

        public static Pieces Of(string text, DiffGranularity granularity, Interner? interner) =>
            granularity == DiffGranularity.Word ? OfWords(text, interner) : OfTokens(text, Tokenizer.For(text, granularity), interner);

        private static Pieces OfWords(string text, Interner? interner)
        {
            var capacity = (text.Length / 3) + 1;
            var starts = new List<int>(capacity);
            var ends = new List<int>(capacity);
            var wordStarts = new List<int>(capacity / 2);
            var scanner = new Tokenizer.WordScanner(text);
            while (scanner.Next(out var start, out var end, out var kind))
            {
                starts.Add(start);
                ends.Add(end);
                if (kind is TokenKind.Word or TokenKind.Number)
                {
                    wordStarts.Add(start);
                }
            }

            var editorial = Editorial(text, starts);
            var ids = new int[starts.Count];
            if (interner is not null)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = interner.Id(text.AsSpan(starts[i], ends[i] - starts[i]));
                }
            }

            return new Pieces([.. starts], [.. ends], editorial, ids, [.. wordStarts]);
        }

        /// <summary>Tokens inside an editorial mark, as <see cref="EditorialMarks.Flag"/> marks them.</summary>
        private static bool[] Editorial(string text, List<int> starts)
        {
            var flags = new bool[starts.Count];
            var marks = EditorialMarks.Find(text);
            var m = 0;
            for (var i = 0; i < starts.Count && m < marks.Count; i++)
            {
                while (m < marks.Count && marks[m].End <= starts[i])
                {
                    m++;
                }

                if (m < marks.Count && starts[i] >= marks[m].Start)
                {
                    flags[i] = true;
                }
            }

            return flags;
        }

        private static Pieces OfTokens(string text, Token[] tokens, Interner? interner)
        {
            var starts = new int[tokens.Length];
            var ends = new int[tokens.Length];
            var editorial = new bool[tokens.Length];
            var ids = new int[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                starts[i] = tokens[i].Start;
                ends[i] = tokens[i].End;
                editorial[i] = tokens[i].Editorial;
                ids[i] = interner?.Id(tokens[i].Text) ?? 0;
            }

            // Stats count words where they start, whatever the granularity.
            var wordStarts = new List<int>();
            var scanner = new Tokenizer.WordScanner(text);
            while (scanner.Next(out var start, out _, out var kind))
            {
                if (kind is TokenKind.Word or TokenKind.Number)
                {
                    wordStarts.Add(start);
                }
            }

            return new Pieces(starts, ends, editorial, ids, [.. wordStarts]);
        }
    }

    /// <summary>Merges consecutive tokens of the same kind and editorial flag; counts words where they start.</summary>
    private sealed class Builder(string leftText, string rightText, int[] leftWordStarts, int[] rightWordStarts)
    {
        private readonly List<DiffSpan> _spans = [];
        private readonly StringBuilder _text = new();
        private DiffSpanKind _kind;
        private bool _editorial;
        private int _words;
        private int _leftWord;
        private int _rightWord;

        public void Equal(Piece left, Piece right)
        {
            var words = Advance(leftWordStarts, ref _leftWord, left.End);
            Advance(rightWordStarts, ref _rightWord, right.End);
            Add(DiffSpanKind.Equal, leftText, left, words);
        }

        public void Deleted(Piece piece) => Add(DiffSpanKind.Deleted, leftText, piece, Advance(leftWordStarts, ref _leftWord, piece.End));

        public void Inserted(Piece piece) => Add(DiffSpanKind.Inserted, rightText, piece, Advance(rightWordStarts, ref _rightWord, piece.End));

        public List<DiffSpan> Finish()
        {
            Flush();
            return _spans;
        }

        private void Add(DiffSpanKind kind, string source, Piece piece, int words)
        {
            if (_text.Length > 0 && (kind != _kind || piece.Editorial != _editorial))
            {
                Flush();
            }

            _kind = kind;
            _editorial = piece.Editorial;
            _text.Append(source, piece.Start, piece.End - piece.Start);
            _words += words;
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _spans.Add(new DiffSpan(_kind, _text.ToString(), _editorial) { WordCount = _words });
            }

            _text.Clear();
            _words = 0;
        }

        private static int Advance(int[] starts, ref int index, int end)
        {
            var from = index;
            while (index < starts.Length && starts[index] < end)
            {
                index++;
            }

            return index - from;
        }
    }
}
