using System.Text;
using DiffPlex;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>Second level of the diff: tokens inside one changed or moved block, mapped to merged spans.</summary>
internal static class SpanDiff
{
    public static List<DiffSpan> Compare(string left, string right, DiffGranularity granularity, CostBudget budget)
    {
        var lt = Tokenizer.For(left, granularity);
        var rt = Tokenizer.For(right, granularity);
        var blocks = SequenceDiff.Diff(
            left, WordTokenChunker.Texts(lt), right, WordTokenChunker.Texts(rt), ChunkerFor(granularity), budget.MaxPairs, out var capped);
        if (capped)
        {
            budget.Bound("word diff of a changed block exceeded the cost cap; its differing middle is shown as one deletion and insertion");
        }

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

    public static int CountWords(string text)
    {
        var count = 0;
        foreach (var t in Tokenizer.Words(text))
        {
            if (t.IsWord)
            {
                count++;
            }
        }

        return count;
    }

    private static IChunker ChunkerFor(DiffGranularity granularity) => granularity switch
    {
        DiffGranularity.Line => LineTokenChunker.Instance,
        DiffGranularity.Char => GraphemeChunker.Instance,
        _ => WordTokenChunker.Instance,
    };

    private static int[] WordStarts(string text, Token[] tokens, DiffGranularity granularity)
    {
        var source = granularity == DiffGranularity.Word ? tokens : Tokenizer.Words(text);
        var starts = new List<int>();
        foreach (var t in source)
        {
            if (t.IsWord)
            {
                starts.Add(t.Start);
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
