using System.Text;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>Second level of the diff: tokens inside one changed or moved block, mapped to merged spans.</summary>
internal static class SpanDiff
{
    public static List<DiffSpan> Compare(string left, string right, DiffGranularity granularity, CostBudget budget, Interner? interner = null)
    {
        interner ??= new Interner();
        var lt = Tokenizer.For(left, granularity);
        var rt = Tokenizer.For(right, granularity);
        var blocks = TokenBlocks(Ids(lt, interner), Ids(rt, interner), budget);
        var builder = new Builder(WordStarts(left, lt, granularity), WordStarts(right, rt, granularity));
        int pl = 0, pr = 0;
        foreach (var b in blocks)
        {
            for (; pl < b.LeftStart; pl++, pr++)
            {
                builder.Equal(lt[pl], rt[pr]);
            }

            for (; pl < b.LeftStart + b.LeftCount; pl++)
            {
                builder.Deleted(lt[pl]);
            }

            for (; pr < b.RightStart + b.RightCount; pr++)
            {
                builder.Inserted(rt[pr]);
            }
        }

        for (; pl < lt.Length; pl++, pr++)
        {
            builder.Equal(lt[pl], rt[pr]);
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

    private static int[] Ids(Token[] tokens, Interner interner)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = interner.Id(tokens[i].Text);
        }

        return ids;
    }

    /// <summary>Spans for a block that exists on one side only (whole inserted or deleted lines).</summary>
    public static List<DiffSpan> OneSided(string text, DiffSpanKind kind)
    {
        var tokens = Tokenizer.Words(text);
        var builder = new Builder(WordStarts(text, tokens, DiffGranularity.Word), WordStarts(text, tokens, DiffGranularity.Word));
        foreach (var t in tokens)
        {
            if (kind == DiffSpanKind.Inserted)
            {
                builder.Inserted(t);
            }
            else
            {
                builder.Deleted(t);
            }
        }

        return builder.Finish();
    }

    public static int CountWords(string text) => Tokenizer.CountWords(text);

    private static int[] WordStarts(string text, Token[] tokens, DiffGranularity granularity)
    {
        var starts = new List<int>();
        if (granularity == DiffGranularity.Word)
        {
            foreach (var t in tokens)
            {
                if (t.IsWord)
                {
                    starts.Add(t.Start);
                }
            }
        }
        else
        {
            var scanner = new Tokenizer.WordScanner(text);
            while (scanner.Next(out var start, out _, out var kind))
            {
                if (kind is TokenKind.Word or TokenKind.Number)
                {
                    starts.Add(start);
                }
            }
        }

        return [.. starts];
    }

    /// <summary>Merges consecutive tokens of the same kind and editorial flag; counts words where they start.</summary>
    private sealed class Builder(int[] leftWordStarts, int[] rightWordStarts)
    {
        private readonly List<DiffSpan> _spans = [];
        private readonly StringBuilder _text = new();
        private DiffSpanKind _kind;
        private bool _editorial;
        private int _words;
        private int _leftWord;
        private int _rightWord;

        public void Equal(Token left, Token right)
        {
            var words = Advance(leftWordStarts, ref _leftWord, left.End);
            Advance(rightWordStarts, ref _rightWord, right.End);
            Add(DiffSpanKind.Equal, left, words);
        }

        public void Deleted(Token token) => Add(DiffSpanKind.Deleted, token, Advance(leftWordStarts, ref _leftWord, token.End));

        public void Inserted(Token token) => Add(DiffSpanKind.Inserted, token, Advance(rightWordStarts, ref _rightWord, token.End));

        public List<DiffSpan> Finish()
        {
            Flush();
            return _spans;
        }

        private void Add(DiffSpanKind kind, Token token, int words)
        {
            if (_text.Length > 0 && (kind != _kind || token.Editorial != _editorial))
            {
                Flush();
            }

            _kind = kind;
            _editorial = token.Editorial;
            _text.Append(token.Text);
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
