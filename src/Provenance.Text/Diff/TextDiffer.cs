using System.Text;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Two-level diff, as git and MediaWiki do: lines first, then tokens (words, graphemes or lines) inside each
/// changed block, then deleted/inserted paragraphs that are alike are paired as moves. Inputs are normalized
/// (NFC, LF) first, so encoding differences never show. Stateless and thread-safe.
/// </summary>
public sealed class TextDiffer
{
    public static TextDiffer Instance { get; } = new();

    public DiffResult Diff(string left, string right, DiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        options ??= DiffOptions.Default;
        options.Validate();
        return Diff(left, right, options, new CostBudget(options.MaxTokenPairs));
    }

    /// <summary>A diff that spends from <paramref name="budget"/>, shared with the caller's other diffs.</summary>
    internal DiffResult Diff(string left, string right, DiffOptions options, CostBudget budget)
    {
        var lines = new Interner();
        var ((leftLines, a), (rightLines, b)) = (Lines(left, lines), Lines(right, lines));

        // Realignment and move detection weigh the same changed paragraphs: their word bags are built once.
        var bags = new TextSimilarity.LineBags(leftLines, rightLines);
        var blocks = LineDiff.Diff(leftLines, rightLines, a, b, lines.Count, bags, budget);
        var atoms = Atoms(blocks, leftLines.Length, rightLines.Length);
        var interner = new Interner();

        // A paragraph edited in place is told from a move by its word diff, which its changed operation shows
        // anyway: at word granularity those spans are kept and reused instead of diffing the pair twice.
        var reuse = options.Spans && options.Granularity == DiffGranularity.Word;
        var pairSpans = new Dictionary<(int Left, int Right), List<DiffSpan>>();
        if (options.DetectMoves)
        {
            MoveDetector.Pair(atoms, leftLines, rightLines, bags, options.MoveSimilarity, budget, (l, r) =>
            {
                if (!pairSpans.TryGetValue((l, r), out var spans))
                {
                    spans = SpanDiff.Compare(leftLines[l], rightLines[r], DiffGranularity.Word, budget, interner);
                    if (reuse)
                    {
                        pairSpans[(l, r)] = spans;
                    }
                }

                return SpanDiff.EqualWordSimilarity(spans);
            });
        }

        var operations = Operations(atoms, leftLines, rightLines, options.Granularity, options.Spans, budget, interner, pairSpans);
        return new DiffResult
        {
            Granularity = options.Granularity,
            Operations = operations,
            Bounded = budget.Bounded,
            BoundedReason = budget.Reason,
        };
    }

    /// <summary>
    /// The lines of the normalized text and their ids. A line that occurs again is the string kept for its first
    /// occurrence, so a text of many repeated lines costs one string per distinct line, not one per line.
    /// </summary>
    private static (string[] Lines, int[] Ids) Lines(string text, Interner interner)
    {
        text = TextNormalizer.Normalize(text);
        var count = Tokenizer.LineCount(text);
        var (lines, ids) = (new string[count], new int[count]);
        for (int start = 0, end, i = 0; start < text.Length; start = end, i++)
        {
            end = Tokenizer.LineEnd(text, start);
            ids[i] = interner.Id(text.AsSpan(start, end - start), out lines[i]);
        }

        return (lines, ids);
    }

    /// <summary>One entry per line in both-sides order; deletions precede insertions inside a block.</summary>
    private static List<LineAtom> Atoms(List<ChangeBlock> blocks, int leftCount, int rightCount)
    {
        var atoms = new List<LineAtom>(leftCount + blocks.Sum(b => b.RightCount));
        foreach (var (l, r, b) in ChangeBlock.Walk(blocks, leftCount, rightCount))
        {
            atoms.Add(new LineAtom(b < 0 ? LineAtomKind.Equal : l >= 0 ? LineAtomKind.Deleted : LineAtomKind.Inserted, l, r, b));
        }

        return atoms;
    }

    private static List<DiffOperation> Operations(
        List<LineAtom> atoms, string[] leftLines, string[] rightLines, DiffGranularity granularity, bool withSpans, CostBudget budget, Interner interner,
        Dictionary<(int Left, int Right), List<DiffSpan>> pairSpans)
    {
        var operations = new List<DiffOperation>();
        var moveSpans = new Dictionary<int, List<DiffSpan>>();
        int lpos = 0, rpos = 0;
        var i = 0;
        while (i < atoms.Count)
        {
            var atom = atoms[i];
            if (atom.Kind == LineAtomKind.Equal)
            {
                var j = i;
                while (j < atoms.Count && atoms[j].Kind == LineAtomKind.Equal)
                {
                    j++;
                }

                var text = Join(leftLines, atom.Left, j - i);
                operations.Add(Operation(DiffOperationKind.Equal, lpos, j - i, rpos, j - i, text, text, []));
                lpos += j - i;
                rpos += j - i;
                i = j;
            }
            else if (atom.MoveId > 0)
            {
                // A group is consecutive lines of one move, so a moved multi-line paragraph stays whole.
                var j = i + 1;
                while (j < atoms.Count && atoms[j].Kind == atom.Kind && atoms[j].MoveId == atom.MoveId)
                {
                    j++;
                }

                var from = atom.Kind == LineAtomKind.MoveFrom;
                var count = j - i;
                var fromText = from ? Join(leftLines, atom.Left, count) : Join(leftLines, atom.Partner, count);
                var toText = from ? Join(rightLines, atom.Partner, count) : Join(rightLines, atom.Right, count);
                if (!moveSpans.TryGetValue(atom.MoveId, out var spans))
                {
                    // Without spans (a unified diff) a move keeps its ends but no word-level work.
                    spans = withSpans ? SpanDiff.Compare(fromText, toText, granularity, budget, interner) : [];
                    moveSpans[atom.MoveId] = spans;
                }

                var (leftCount, rightCount) = from ? (count, 0) : (0, count);
                operations.Add(Operation(DiffOperationKind.Moved, lpos, leftCount, rpos, rightCount, from ? fromText : "", from ? "" : toText, spans) with
                {
                    MoveId = atom.MoveId,
                    Direction = from ? MoveDirection.From : MoveDirection.To,
                });
                lpos += leftCount;
                rpos += rightCount;

                i = j;
            }
            else
            {
                var j = i;
                while (j < atoms.Count && atoms[j].Kind == LineAtomKind.Deleted && atoms[j].MoveId == 0)
                {
                    j++;
                }

                var k = j;
                while (k < atoms.Count && atoms[k].Kind == LineAtomKind.Inserted && atoms[k].MoveId == 0)
                {
                    k++;
                }

                int deleted = j - i, inserted = k - j;
                var leftText = deleted > 0 ? Join(leftLines, atoms[i].Left, deleted) : string.Empty;
                var rightText = inserted > 0 ? Join(rightLines, atoms[j].Right, inserted) : string.Empty;
                var kind = (deleted, inserted) switch
                {
                    ( > 0, > 0) => DiffOperationKind.Changed,
                    ( > 0, _) => DiffOperationKind.Deleted,
                    _ => DiffOperationKind.Inserted,
                };
                List<DiffSpan> spans = !withSpans ? [] : kind switch
                {
                    DiffOperationKind.Changed when deleted == 1 && inserted == 1 && pairSpans.TryGetValue((atoms[i].Left, atoms[j].Right), out var known) => known,
                    DiffOperationKind.Changed => SpanDiff.Compare(leftText, rightText, granularity, budget, interner),
                    DiffOperationKind.Deleted => SpanDiff.OneSided(leftText, DiffSpanKind.Deleted),
                    _ => SpanDiff.OneSided(rightText, DiffSpanKind.Inserted),
                };
                operations.Add(Operation(kind, lpos, deleted, rpos, inserted, leftText, rightText, spans));
                lpos += deleted;
                rpos += inserted;
                i = k;
            }
        }

        return operations;
    }

    private static DiffOperation Operation(
        DiffOperationKind kind, int lpos, int leftCount, int rpos, int rightCount, string leftText, string rightText, List<DiffSpan> spans) =>
        new()
        {
            Kind = kind,
            LeftStart = lpos + 1,
            LeftCount = leftCount,
            RightStart = rpos + 1,
            RightCount = rightCount,
            LeftText = leftText,
            RightText = rightText,
            Spans = spans,
        };

    private static string Join(string[] lines, int start, int count) =>
        count == 1 ? lines[start] : string.Concat(lines.AsSpan(start, count));

    internal static DiffStats Statistics(IReadOnlyList<DiffOperation> operations)
    {
        int inserted = 0, deleted = 0, moved = 0, unchanged = 0, linesInserted = 0, linesDeleted = 0, editorial = 0;
        foreach (var op in operations)
        {
            switch (op.Kind)
            {
                case DiffOperationKind.Equal:
                    unchanged += Tokenizer.CountWords(op.LeftText);
                    continue;
                case DiffOperationKind.Moved when op.Direction == MoveDirection.From:
                    continue;
                case DiffOperationKind.Inserted or DiffOperationKind.Changed:
                    linesInserted += op.RightCount;
                    break;
            }

            if (op.Kind is DiffOperationKind.Deleted or DiffOperationKind.Changed)
            {
                linesDeleted += op.LeftCount;
            }

            foreach (var span in op.Spans)
            {
                switch (span.Kind)
                {
                    case DiffSpanKind.Equal when op.Kind == DiffOperationKind.Moved:
                        moved += span.WordCount;
                        break;
                    case DiffSpanKind.Equal:
                        unchanged += span.WordCount;
                        break;
                    case DiffSpanKind.Inserted:
                        inserted += span.WordCount;
                        break;
                    default:
                        deleted += span.WordCount;
                        break;
                }

                if (span.Kind != DiffSpanKind.Equal && span.Editorial)
                {
                    editorial++;
                }
            }
        }

        var total = (2 * (unchanged + moved)) + inserted + deleted;
        var similarity = total == 0
            ? (operations.All(o => o.Kind == DiffOperationKind.Equal) ? 1.0 : 0.0)
            : 2.0 * (unchanged + moved) / total;
        return new DiffStats
        {
            WordsInserted = inserted,
            WordsDeleted = deleted,
            WordsMoved = moved,
            WordsUnchanged = unchanged,
            LinesInserted = linesInserted,
            LinesDeleted = linesDeleted,
            Similarity = Math.Round(similarity, 4),
            EditorialChanges = editorial,
        };
    }
}

internal enum LineAtomKind
{
    Equal,
    Deleted,
    Inserted,
    MoveFrom,
    MoveTo,
}

/// <summary>One line of the line diff. <see cref="Partner"/> is the other end's line index of a move.</summary>
internal record struct LineAtom(LineAtomKind Kind, int Left, int Right, int Block)
{
    public int MoveId { get; set; }

    public int Partner { get; set; } = -1;
}
