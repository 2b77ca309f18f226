using System.Text;
using Provenance.Text.Diff;
using Provenance.Text.Merge;
using Provenance.Text.Tokens;

namespace Provenance.Text.Blame;

/// <summary>
/// Credits every line or sentence of the last revision of a linear history to the revision that introduced it,
/// like <c>git blame -M</c>: the blame of each revision is carried into the next through one diff, so the cost
/// is one diff per revision, not a re-blame from scratch.
/// </summary>
public static class BlameCalculator
{
    // Word similarity at which a deleted and an inserted paragraph count as one paragraph moved and lightly edited.
    private const double MovedParagraphSimilarity = 0.9;

    public static IReadOnlyList<BlameSpan> Blame(IReadOnlyList<string> history, BlameGranularity granularity) =>
        Blame(history, granularity, out _);

    /// <summary>
    /// As <see cref="Blame(IReadOnlyList{string}, BlameGranularity)"/>; <paramref name="bounded"/> is true when a cost
    /// cap made a diff coarser or cut the search for moved paragraphs short (some text is then credited to a later
    /// revision than the one that wrote it; the spans still give the text).
    /// </summary>
    public static IReadOnlyList<BlameSpan> Blame(IReadOnlyList<string> history, BlameGranularity granularity, out bool bounded)
    {
        bounded = false;
        ArgumentNullException.ThrowIfNull(history);
        if (!Enum.IsDefined(granularity))
        {
            throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Unknown blame granularity.");
        }

        if (history.Count == 0)
        {
            return [];
        }

        var sentences = granularity == BlameGranularity.Sentence;
        var budget = new CostBudget(DiffOptions.Default.MaxTokenPairs);
        var previousText = Normalize(history, 0);
        var lines = Tokenizer.LineTexts(previousText).Select(text => BlamedLine.Create(text, 0, sentences)).ToList();
        for (var revision = 1; revision < history.Count; revision++)
        {
            var text = Normalize(history, revision);
            if (!string.Equals(text, previousText, StringComparison.Ordinal))
            {
                lines = new RevisionStep(lines, [.. Tokenizer.LineTexts(text)], revision, sentences, budget).Run();
                previousText = text;
            }
        }

        bounded = budget.Bounded;
        return ToSpans(lines);
    }

    private static string Normalize(IReadOnlyList<string> history, int index) =>
        TextNormalizer.Normalize(history[index] ?? throw new ArgumentException($"Revision {index} of the history is null.", nameof(history)));

    private static List<BlameSpan> ToSpans(List<BlamedLine> lines)
    {
        var spans = new List<BlameSpan>();
        var text = new StringBuilder();
        var revision = -1;
        foreach (var unit in lines.SelectMany(line => line.Units))
        {
            if (unit.Revision != revision && text.Length > 0)
            {
                spans.Add(new BlameSpan(text.ToString(), revision));
                text.Clear();
            }

            revision = unit.Revision;
            text.Append(unit.Text);
        }

        if (text.Length > 0)
        {
            spans.Add(new BlameSpan(text.ToString(), revision));
        }

        return spans;
    }

    /// <summary>Key ignores the trailing whitespace, so adding a final newline or a space after a sentence is not authorship.</summary>
    private readonly record struct BlamedUnit(string Text, string Key, int Revision);

    private sealed class BlamedLine(string text, BlamedUnit[] units)
    {
        public string Text { get; } = text;

        public string Key { get; } = LineKey(text);

        public BlamedUnit[] Units { get; } = units;

        public static BlamedLine Create(string text, int revision, bool sentences) =>
            new(text, [.. Split(text, sentences).Select(unit => unit with { Revision = revision })]);

        public static BlamedUnit[] Split(string text, bool sentences) =>
            sentences
                ? [.. SentenceSplitter.Split(text).Select(unit => new BlamedUnit(unit, unit.TrimEnd(), -1))]
                : [new BlamedUnit(text, LineKey(text), -1)];

        public static string LineKey(string text) => text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>Carries blame from one revision's lines to the next revision's lines.</summary>
    private sealed class RevisionStep(List<BlamedLine> previous, List<string> current, int revision, bool sentences, CostBudget budget)
    {
        private readonly BlamedLine?[] _result = new BlamedLine?[current.Count];
        private readonly List<(int Line, int Hunk)> _inserted = [];
        private readonly List<(BlamedLine Line, int Hunk)> _deleted = [];
        private readonly List<BlamedUnit> _unclaimedDeletedUnits = [];
        private readonly Interner _words = new();
        private int[]?[] _deletedBags = [];

        public List<BlamedLine> Run()
        {
            var keys = current.Select(BlamedLine.LineKey).ToList();
            var hunks = SequenceDiff.Diff(previous.Select(line => line.Key).ToList(), keys, budget, "blame line diff");
            foreach (var (before, after, hunk) in ChangeBlock.Walk(hunks, previous.Count, current.Count))
            {
                if (hunk < 0)
                {
                    _result[after] = Carry(previous[before], current[after]);
                }
                else if (before >= 0)
                {
                    _deleted.Add((previous[before], hunk));
                }
                else
                {
                    _inserted.Add((after, hunk));
                }
            }

            ClaimMovedLines(keys);
            if (sentences)
            {
                ClaimSentences();
            }

            var lines = new List<BlamedLine>(_result.Length);
            for (var i = 0; i < _result.Length; i++)
            {
                lines.Add(_result[i] ?? BlamedLine.Create(current[i], revision, sentences));
            }

            return lines;
        }

        // A line deleted in one place and inserted unchanged in another keeps its author (git blame -M).
        private void ClaimMovedLines(List<string> keys)
        {
            var deletedByKey = Queues(Enumerable.Range(0, _deleted.Count), d => _deleted[d].Line.Key, d => d);

            var claimed = new bool[_deleted.Count];
            var unmatched = new List<(int Line, int Hunk)>();
            foreach (var inserted in _inserted)
            {
                if (deletedByKey.TryGetValue(keys[inserted.Line], out var queue) && queue.Count > 0)
                {
                    var d = queue.Dequeue();
                    claimed[d] = true;
                    _result[inserted.Line] = Carry(_deleted[d].Line, current[inserted.Line]);
                }
                else
                {
                    unmatched.Add(inserted);
                }
            }

            _inserted.Clear();
            _inserted.AddRange(unmatched);
            var remaining = _deleted.Where((_, d) => !claimed[d]).ToList();
            _deleted.Clear();
            _deleted.AddRange(remaining);
        }

        /// <summary>
        /// Sentence blame for changed lines: a lightly edited moved paragraph takes its sentences from its old
        /// place; an edited paragraph from the lines its hunk replaced; a sentence moved between paragraphs
        /// from anywhere in the revision. Only sentences found nowhere are credited to this revision.
        /// </summary>
        private void ClaimSentences()
        {
            _deletedBags = new int[]?[_deleted.Count];
            var targets = _inserted.ToDictionary(inserted => inserted.Line, inserted => BlamedLine.Split(current[inserted.Line], sentences: true));
            var claimed = new bool[_deleted.Count];
            foreach (var inserted in _inserted)
            {
                var best = MostSimilarDeleted(inserted.Line, claimed);
                if (best >= 0)
                {
                    claimed[best] = true;
                    MatchUnits([.. _deleted[best].Line.Units], [.. targets[inserted.Line].Select((_, u) => (inserted.Line, u))], targets);
                }
            }

            foreach (var hunk in _inserted.Select(inserted => inserted.Hunk).Distinct())
            {
                var source = _deleted.Where((deleted, d) => !claimed[d] && deleted.Hunk == hunk).SelectMany(deleted => deleted.Line.Units).ToList();
                var destination = _inserted
                    .Where(inserted => inserted.Hunk == hunk)
                    .SelectMany(inserted => targets[inserted.Line].Select((unit, u) => (inserted.Line, u)))
                    .Where(slot => targets[slot.Line][slot.u].Revision < 0)
                    .ToList();
                MatchUnits(source, destination, targets);
            }

            var pool = Queues(_unclaimedDeletedUnits, unit => unit.Key, unit => unit.Revision);

            foreach (var (line, units) in targets)
            {
                for (var u = 0; u < units.Length; u++)
                {
                    if (units[u].Revision < 0)
                    {
                        var fromElsewhere = pool.TryGetValue(units[u].Key, out var queue) && queue.Count > 0;
                        units[u] = units[u] with { Revision = fromElsewhere ? queue!.Dequeue() : revision };
                    }
                }

                _result[line] = new BlamedLine(current[line], units);
            }
        }

        /// <summary>The values of the items with each key, in the items' order.</summary>
        private static Dictionary<string, Queue<int>> Queues<T>(IEnumerable<T> items, Func<T, string> key, Func<T, int> value) =>
            items.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<int>(g.Select(value)), StringComparer.Ordinal);

        private int MostSimilarDeleted(int line, bool[] claimed)
        {
            var key = BlamedLine.LineKey(current[line]);
            int[]? words = null;
            var best = -1;
            var bestSimilarity = MovedParagraphSimilarity;
            for (var d = 0; d < _deleted.Count; d++)
            {
                var candidate = _deleted[d].Line.Key;
                // Cheap length bound first: paragraphs 90% alike in words are rarely 20% apart in length.
                if (claimed[d] || candidate.Length == 0 || key.Length == 0
                    || Math.Min(candidate.Length, key.Length) < 0.8 * Math.Max(candidate.Length, key.Length))
                {
                    continue;
                }

                // Every inserted paragraph against every deleted one: the shared budget stops a rewrite of thousands.
                if (budget.TokenWorkLeft <= 0)
                {
                    budget.Bound("blame's search for moved paragraphs exceeded the cost cap; some are credited to the revision that moved them");
                    break;
                }

                words ??= TextSimilarity.Bag(key, _words);
                long work = 0;
                var similarity = TextSimilarity.Dice(_deletedBags[d] ??= TextSimilarity.Bag(candidate, _words), words, ref work);
                budget.TokenWorkLeft -= work;
                if (similarity > bestSimilarity || (best < 0 && similarity >= bestSimilarity))
                {
                    (best, bestSimilarity) = (d, similarity);
                }
            }

            return best;
        }

        // Sentences equal (by key) in source and destination keep the source's revision; the rest stay open.
        private void MatchUnits(List<BlamedUnit> source, List<(int Line, int Unit)> destination, Dictionary<int, BlamedUnit[]> targets)
        {
            var hunks = SequenceDiff.Diff(
                source.Select(unit => unit.Key).ToList(),
                destination.Select(slot => targets[slot.Line][slot.Unit].Key).ToList(),
                budget,
                "blame sentence diff");
            foreach (var (s, t, hunk) in ChangeBlock.Walk(hunks, source.Count, destination.Count))
            {
                if (hunk < 0)
                {
                    var (line, unit) = destination[t];
                    targets[line][unit] = targets[line][unit] with { Revision = source[s].Revision };
                }
                else if (s >= 0)
                {
                    _unclaimedDeletedUnits.Add(source[s]);
                }
            }
        }

        // Equal keys differ at most in the final newline, which the sentence split keeps inside the last
        // unit, so both texts split into the same number of units and revisions copy across by position.
        private BlamedLine Carry(BlamedLine line, string text)
        {
            if (string.Equals(line.Text, text, StringComparison.Ordinal))
            {
                return line;
            }

            var units = BlamedLine.Split(text, sentences);
            for (var u = 0; u < units.Length; u++)
            {
                units[u] = units[u] with { Revision = line.Units[Math.Min(u, line.Units.Length - 1)].Revision };
            }

            return new BlamedLine(text, units);
        }
    }
}
