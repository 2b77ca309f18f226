using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>Second level of the diff: tokens inside one changed or moved block, mapped to merged spans.</summary>
internal static class SpanDiff
{
    public static List<DiffSpan> Compare(
        string left, string right, DiffGranularity granularity, CostBudget budget, Interner? interner = null, bool trimEnds = true, bool anchors = true)
    {
        interner ??= new Interner();
        var trim = trimEnds && granularity != DiffGranularity.Line;
        var (head, tail) = trim ? CommonEnds(left, right) : (0, 0);
        var comparison = new Comparison(left, right, granularity, budget, interner);
        comparison.Builder.Run(DiffSpanKind.Equal, left, 0, head, comparison.LeftMarks);
        comparison.Middle(head, left.Length - tail, head, right.Length - tail, anchored: trim && anchors);
        comparison.Builder.Run(DiffSpanKind.Equal, left, left.Length - tail, left.Length, comparison.LeftMarks);
        return comparison.Builder.Finish();
    }

    /// <summary>One comparison of two texts: their marks, and the spans built so far, in order.</summary>
    private sealed class Comparison(string left, string right, DiffGranularity granularity, CostBudget budget, Interner interner)
    {
        /// <summary>Characters a stretch must have, on each side, to be searched for an anchor.</summary>
        private const int AnchorLength = 32;

        public Builder Builder { get; } = new();

        public EditorialMark[] LeftMarks { get; } = EditorialMarks.Find(left);

        private EditorialMark[] RightMarks { get; } = EditorialMarks.Find(right);

        /// <summary>
        /// Spans for <c>left[ls..le)</c> against <c>right[rs..re)</c>, ranges that start and end at token boundaries.
        /// A paragraph edited in two places far apart has a long unchanged stretch between them: when a piece of it
        /// occurs once in each range, the ranges are split around it and the stretch is not tokenized, as a
        /// patience diff splits on lines unique to both sides.
        /// </summary>
        public void Middle(int ls, int le, int rs, int re, bool anchored)
        {
            if (anchored && Anchor(ls, le, rs, re) is var (al, ae, ar))
            {
                Middle(ls, al, rs, ar, anchored);
                Builder.Run(DiffSpanKind.Equal, left, al, ae, LeftMarks);
                Middle(ae, le, ar + (ae - al), re, anchored);
                return;
            }

            var (leftKept, leftIds) = Tokens(left, ls, le, granularity, interner, LeftMarks);
            var (rightKept, rightIds) = Tokens(right, rs, re, granularity, interner, RightMarks);
            var blocks = TokenBlocks(leftIds, rightIds, budget);

            // The walk visits each side's pieces in order, so a side whose pieces were not kept is scanned again beside it.
            using var leftScan = leftKept is null ? Pieces(left, ls, le, granularity, LeftMarks).GetEnumerator() : null;
            using var rightScan = rightKept is null ? Pieces(right, rs, re, granularity, RightMarks).GetEnumerator() : null;
            foreach (var (l, r, block) in ChangeBlock.Walk(blocks, leftIds.Length, rightIds.Length))
            {
                if (block < 0)
                {
                    Builder.Add(DiffSpanKind.Equal, left, At(leftKept, leftScan, l));
                    rightScan?.MoveNext();
                }
                else if (l >= 0)
                {
                    Builder.Add(DiffSpanKind.Deleted, left, At(leftKept, leftScan, l), glue: true);
                }
                else
                {
                    Builder.Add(DiffSpanKind.Inserted, right, At(rightKept, rightScan, r), glue: true);
                }
            }
        }

        /// <summary>The piece at <paramref name="index"/>: kept, or the next one of the scan that walks beside.</summary>
        private static Piece At(List<Piece>? kept, IEnumerator<Piece>? scan, int index) =>
            kept is not null ? kept[index] : scan!.MoveNext() ? scan.Current : throw new InvalidOperationException("The scan ended before the walk.");

        /// <summary>
        /// An unchanged stretch inside both ranges, as its left start and end and its right start: the longest common
        /// run around a piece from the middle of the left range that occurs exactly once in each range, near the same
        /// offset, cut to token boundaries inside it (so the characters on both sides of each cut are the same in both
        /// texts). Like a patience diff's unique lines, such a stretch is nearly always on a shortest diff; where it
        /// is not (a phrase repeated or moved), the diff stays correct, with a few more changes than the shortest.
        /// </summary>
        private (int LeftStart, int LeftEnd, int RightStart)? Anchor(int ls, int le, int rs, int re)
        {
            if (le - ls < 2 * AnchorLength || re - rs < 2 * AnchorLength)
            {
                return null;
            }

            var probe = (ls + le) / 2;
            while (probe + AnchorLength <= le && !Tokenizer.IsCut(left, probe))
            {
                probe++;
            }

            if (probe + AnchorLength > le)
            {
                return null;
            }

            var piece = left.AsSpan(probe, AnchorLength);
            var inRight = right.AsSpan(rs, re - rs);
            var inLeft = left.AsSpan(ls, le - ls);
            var at = inRight.IndexOf(piece);
            if (at < 0 || inRight.LastIndexOf(piece) != at || inLeft.IndexOf(piece) != probe - ls || inLeft.LastIndexOf(piece) != probe - ls)
            {
                return null;
            }

            // Far from its place on the other side, the piece may belong to a phrase moved inside the paragraph, where
            // aligning on it could cost more changes than the shortest diff: then the whole range is diffed.
            if (Math.Abs(probe - ls - at) > Math.Max(AnchorLength, (le - ls) / 8))
            {
                return null;
            }

            // Widen to the whole common run, then narrow to cuts strictly inside it.
            var match = rs + at;
            var before = 0;
            while (probe - before > ls && match - before > rs && left[probe - before - 1] == right[match - before - 1])
            {
                before++;
            }

            var after = AnchorLength;
            while (probe + after < le && match + after < re && left[probe + after] == right[match + after])
            {
                after++;
            }

            var (start, end) = (probe - before + 1, probe + after - 1);
            while (start < end && !Tokenizer.IsCut(left, start))
            {
                start++;
            }

            while (end > start && !Tokenizer.IsCut(left, end))
            {
                end--;
            }

            return end > start ? (start, end, match + (start - probe)) : null;
        }
    }

    /// <summary>
    /// The longest common prefix and suffix, in characters, that end at token boundaries (<see cref="Tokenizer.IsCut"/>):
    /// an edit of one word in a long paragraph then tokenizes and diffs a few tokens instead of the paragraph.
    /// </summary>
    internal static (int Head, int Tail) CommonEnds(string left, string right)
    {
        var prefix = left.AsSpan().CommonPrefixLength(right);
        var head = prefix - 1;
        while (head > 0 && !Tokenizer.IsCut(left, head))
        {
            head--;
        }

        head = Math.Max(head, 0);
        var room = Math.Min(left.Length, right.Length) - head;
        var suffix = 0;
        while (suffix < room && left[^(suffix + 1)] == right[^(suffix + 1)])
        {
            suffix++;
        }

        // The cut and the character before it must both be common, so that both texts cut at the same place.
        var tail = suffix - 1;
        while (tail > 0 && !Tokenizer.IsCut(left, left.Length - tail))
        {
            tail--;
        }

        return (head, Math.Max(tail, 0));
    }

    /// <summary>
    /// Dice similarity of the two texts counting only the words the spans keep equal: 2E / (2E + deleted +
    /// inserted). Equal words are in both texts' word bags, so this is a lower bound of their bag similarity.
    /// </summary>
    internal static double EqualWordSimilarity(List<DiffSpan> spans)
    {
        int equal = 0, changed = 0;
        foreach (var span in spans)
        {
            if (span.Kind == DiffSpanKind.Equal)
            {
                equal += span.WordCount;
            }
            else
            {
                changed += span.WordCount;
            }
        }

        return equal == 0 ? 0 : 2.0 * equal / ((2.0 * equal) + changed);
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
        var middle = new ChangeBlock(prefix, n, prefix, m);
        if (n == 0 || m == 0)
        {
            return n + m == 0 ? [] : [middle];
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
        var builder = new Builder();
        builder.Run(kind, text, 0, text.Length, EditorialMarks.Find(text));
        return builder.Finish();
    }

    /// <summary>One token as offsets into its text (no string per token), with the words that start in it.</summary>
    private readonly record struct Piece(int Start, int End, bool Editorial, int Words);

    /// <summary>
    /// The tokens of a range of a text as offsets: scanned straight from the text, so no token object or string is
    /// made. Editorial flags come from the marks of the whole text, so a mark that straddles the start of the range
    /// is still seen; lines carry their own flag (a line of marks only), words and graphemes are editorial inside a mark.
    /// </summary>
    private static IEnumerable<Piece> Pieces(string text, int from, int to, DiffGranularity granularity, EditorialMark[] marks)
    {
        var editorial = new MarkCursor(marks);
        if (granularity == DiffGranularity.Word)
        {
            var scanner = new Tokenizer.WordScanner(text, from, to);
            while (scanner.Next(out var start, out var end, out var kind))
            {
                yield return new Piece(start, end, editorial.Inside(start), kind is TokenKind.Word or TokenKind.Number ? 1 : 0);
            }

            yield break;
        }

        // Lines and graphemes count the words that start in them, whatever the granularity.
        using var words = Tokenizer.WordStarts(text, from, to).GetEnumerator();
        var nextWord = words.MoveNext() ? words.Current : int.MaxValue;
        var lineMarks = new MarkCursor(marks);
        for (int start = from, end; start < to; start = end)
        {
            var line = granularity == DiffGranularity.Line;
            end = line ? Math.Min(Tokenizer.LineEnd(text, start), to) : start + Tokenizer.GraphemeLength(text, start, to);
            var count = 0;
            for (; nextWord < end; nextWord = words.MoveNext() ? words.Current : int.MaxValue)
            {
                count++;
            }

            yield return new Piece(start, end, line ? lineMarks.OnlyMarks(text, start, end) : editorial.Inside(start), count);
        }
    }

    /// <summary>
    /// The pieces of a range with their ids, interned by span: only a token not seen before becomes a string. The
    /// pieces (16 bytes each) are kept only up to <see cref="KeptPieces"/>, 16 MB, far above a 1 MB text: a range of
    /// millions of tokens (a whole huge text changed at once) keeps its ids alone, 4 bytes a token, and is scanned
    /// again to be written.
    /// </summary>
    private static (List<Piece>? Kept, int[] Ids) Tokens(string text, int from, int to, DiffGranularity granularity, Interner interner, EditorialMark[] marks)
    {
        var (kept, ids) = (new List<Piece>(), new List<int>());
        foreach (var piece in Pieces(text, from, to, granularity, marks))
        {
            if (kept?.Count < KeptPieces)
            {
                kept.Add(piece);
            }
            else
            {
                kept = null;
            }

            ids.Add(interner.Id(text.AsSpan(piece.Start, piece.End - piece.Start)));
        }

        return (kept, [.. ids]);
    }

    private const int KeptPieces = 1 << 20;

    /// <summary>
    /// Merges consecutive pieces of the same kind and editorial flag, adding up their words. Such pieces are
    /// neighbours in one text (equal and deleted ones in the left, inserted ones in the right), so a span is one
    /// substring of its text.
    /// </summary>
    private sealed class Builder
    {
        private readonly List<DiffSpan> _spans = [];
        private string? _source;
        private int _start;
        private int _end;
        private DiffSpanKind _kind;
        private bool _editorial;
        private bool _blank;
        private int _words;

        /// <summary>A range of one text, all of one kind, word by word: the words merge into one span per stretch inside or outside editorial marks.</summary>
        public void Run(DiffSpanKind kind, string text, int from, int to, EditorialMark[] marks)
        {
            foreach (var piece in Pieces(text, from, to, DiffGranularity.Word, marks))
            {
                Add(kind, text, piece);
            }
        }

        /// <param name="glue">
        /// Spaces (not line feeds) next to an inserted or deleted editorial mark of a word diff go with it, so
        /// "[Attorney General Robert F.] " is one insertion rather than the mark and a space apart.
        /// </param>
        public void Add(DiffSpanKind kind, string source, Piece piece, bool glue = false)
        {
            var blank = glue && kind != DiffSpanKind.Equal && IsSpace(source.AsSpan(piece.Start, piece.End - piece.Start));
            if (_source is not null && (kind != _kind || !ReferenceEquals(source, _source) || piece.Start != _end
                || (piece.Editorial != _editorial && !(blank || _blank))))
            {
                Flush();
            }

            if (_source is null)
            {
                (_source, _start, _kind, _editorial, _blank) = (source, piece.Start, kind, piece.Editorial, blank);
            }
            else if (_blank && !blank)
            {
                (_editorial, _blank) = (piece.Editorial, false);
            }

            _end = piece.End;
            _words += piece.Words;
        }

        private static bool IsSpace(ReadOnlySpan<char> text) => text.IsWhiteSpace() && !text.Contains('\n');

        public List<DiffSpan> Finish()
        {
            Flush();
            return _spans;
        }

        private void Flush()
        {
            if (_source is not null && _end > _start)
            {
                _spans.Add(new DiffSpan(_kind, _source.Substring(_start, _end - _start), _editorial) { WordCount = _words });
            }

            (_source, _words) = (null, 0);
        }
    }
}
