using CsCheck;
using Provenance.Text.Diff;
using Provenance.Text.Tokens;

namespace Provenance.Text.Tests.Diff;

/// <summary>
/// The engine's shortcuts (trimming common ends by characters, discarding tokens with no match, pairing in-place
/// edits from their word diff) must give the answers of the long way round.
/// </summary>
public class ShortcutTests
{
    private static readonly Gen<(string Left, string Right)> Pairs = Gen.OneOf(Generators.Pair, Generators.LineEdits);

    [Theory]
    [InlineData(DiffGranularity.Word)]
    [InlineData(DiffGranularity.Char)]
    public void Trimming_common_ends_gives_the_spans_of_the_whole_texts(DiffGranularity granularity)
    {
        Pairs.Sample(
            (left, right) =>
            {
                var whole = SpanDiff.Compare(left, right, granularity, new CostBudget(16_000_000), trimEnds: false);
                var trimmed = SpanDiff.Compare(left, right, granularity, new CostBudget(16_000_000), trimEnds: true, anchors: false);
                Assert.Equal(whole, trimmed);
                Assert.Equal(whole.Select(s => s.WordCount), trimmed.Select(s => s.WordCount));
            },
            iter: 1000);
    }

    [Theory]
    [InlineData(DiffGranularity.Word)]
    [InlineData(DiffGranularity.Char)]
    public void Splitting_on_unchanged_stretches_keeps_the_diff_correct(DiffGranularity granularity)
    {
        Pairs.Sample(
            (left, right) =>
            {
                var spans = SpanDiff.Compare(left, right, granularity, new CostBudget(16_000_000));
                Assert.Equal(left, string.Concat(spans.Where(s => s.Kind != DiffSpanKind.Inserted).Select(s => s.Text)));
                Assert.Equal(right, string.Concat(spans.Where(s => s.Kind != DiffSpanKind.Deleted).Select(s => s.Text)));
            },
            iter: 1000);
    }

    [Fact]
    public void Splitting_on_unchanged_stretches_gives_the_shortest_diff_for_edits_far_apart()
    {
        // Distinct words, a few of them replaced, inserted or deleted far apart: the split, which no longer tokenizes
        // the stretches between the edits, must find a shortest diff too (the same words and characters changed;
        // a deleted word may take the space after it instead of the one before).
        var words = Enumerable.Range(0, 120).Select(i => $"word{i}").ToArray();
        Gen.Int[0, 119].Array[1, 4].Sample(
            edits =>
            {
                var edited = words.ToList();
                foreach (var at in edits.Distinct().OrderDescending())
                {
                    switch (at % 3)
                    {
                        case 0: edited[at] = $"new{at}"; break;
                        case 1: edited.Insert(at, $"added{at}"); break;
                        default: edited.RemoveAt(at); break;
                    }
                }

                var (left, right) = (string.Join(' ', words) + "\n", string.Join(' ', edited) + "\n");
                var whole = SpanDiff.Compare(left, right, DiffGranularity.Word, new CostBudget(16_000_000), anchors: false);
                var split = SpanDiff.Compare(left, right, DiffGranularity.Word, new CostBudget(16_000_000));
                foreach (var kind in new[] { DiffSpanKind.Deleted, DiffSpanKind.Inserted, DiffSpanKind.Equal })
                {
                    Assert.Equal(whole.Where(s => s.Kind == kind).Sum(s => s.WordCount), split.Where(s => s.Kind == kind).Sum(s => s.WordCount));
                    Assert.Equal(whole.Where(s => s.Kind == kind).Sum(s => s.Text.Length), split.Where(s => s.Kind == kind).Sum(s => s.Text.Length));
                }
            },
            iter: 500);
    }

    [Fact]
    public void A_run_split_at_its_editorial_marks_flags_and_counts_as_its_tokens_do()
    {
        // Marks next to accents that combine with a bracket, and brackets that open no mark.
        string[] risky = ["[?]", "[U.S.]", "[do]", "[", "]", "\u0301", "a", "1962", " ", "\n", "\u0600", "it's", "😀"];
        Gen.OneOf(Generators.Text, Gen.OneOf(risky).Array[0, 30].Select(string.Concat)).Sample(
            text =>
            {
                // The reference: tokens flagged one by one, neighbours of one flag merged.
                var expected = new List<(string Text, bool Editorial, int Words)>();
                foreach (var token in Tokenizer.Words(text))
                {
                    var words = token.Kind is TokenKind.Word or TokenKind.Number ? 1 : 0;
                    if (expected.Count > 0 && expected[^1].Editorial == token.Editorial)
                    {
                        expected[^1] = (expected[^1].Text + token.Text, token.Editorial, expected[^1].Words + words);
                    }
                    else
                    {
                        expected.Add((token.Text, token.Editorial, words));
                    }
                }

                var spans = SpanDiff.OneSided(text, DiffSpanKind.Deleted);
                Assert.Equal(expected, spans.Select(s => (s.Text, s.Editorial, s.WordCount)));
            },
            iter: 3000);
    }

    [Fact]
    public void Common_ends_cut_the_same_place_in_both_texts_and_skip_one_edited_word()
    {
        const string left = "The President said that [?] the missiles were defensive.\n";
        const string right = "The President stated that [?] the missiles were defensive.\n";
        var (head, tail) = SpanDiff.CommonEnds(left, right);
        Assert.Equal("The President ", left[..head]);
        Assert.Equal("that [?] the missiles were defensive.\n", left[^tail..]);
        Assert.Equal(right[^tail..], left[^tail..]);
    }

    [Fact]
    public void A_text_cut_where_IsCut_allows_tokenizes_as_the_whole_text()
    {
        // Dense in what joins or combines: digits and joiners, apostrophes, combining marks, brackets.
        string[] risky = ["1", "9", ".", ",", "'", "\u2019", "a", "я", " ", "  ", "\t", "\n", "\u0301", "[", "]", "?", "\u00a0", "😀"];
        Gen.OneOf(Generators.Text, Gen.OneOf(risky).Array[0, 30].Select(string.Concat)).Sample(
            text =>
            {
                var whole = Scan(text, 0, text.Length);
                for (var cut = 1; cut < text.Length; cut++)
                {
                    if (Tokenizer.IsCut(text, cut))
                    {
                        Assert.Equal(whole, Scan(text, 0, cut).Concat(Scan(text, cut, text.Length)));
                        Assert.Equal(
                            Tokenizer.CountWords(text),
                            Tokenizer.CountWords(text, 0, cut) + Tokenizer.CountWords(text, cut, text.Length));
                    }
                }
            },
            iter: 3000);
    }

    [Fact]
    public void Counting_words_agrees_with_the_scanner()
    {
        string[] risky = ["1", "9", ".", ",", "'", "\u2019", "a", "Z", "я", " ", "  ", "\t", "\n", "\r", "\u0301", "[", "]", "?", "\u00a0", "😀", "\u0663", "-"];
        Gen.Select(Gen.OneOf(Generators.Text, Gen.OneOf(risky).Array[0, 30].Select(string.Concat)), Gen.Int[0, 40]).Sample(
            (text, pick) =>
            {
                var tokens = Scan(text, 0, text.Length);
                var words = tokens.Count(t => t.Kind is TokenKind.Word or TokenKind.Number);
                Assert.Equal(words, Tokenizer.CountWords(text));
                Assert.Equal(words > 0, Tokenizer.HasWords(text));

                // From any token start to any later token end, as spans and runs use it.
                var from = tokens.Count == 0 ? 0 : tokens[pick % tokens.Count].Start;
                var inRange = tokens.Where(t => t.Start >= from).ToList();
                var to = inRange.Count == 0 ? text.Length : inRange[pick % inRange.Count].End;
                Assert.Equal(Scan(text, from, to).Count(t => t.Kind is TokenKind.Word or TokenKind.Number), Tokenizer.CountWords(text, from, to));
            },
            iter: 5000);
    }

    [Fact]
    public void Counting_words_by_bit_masks_agrees_with_the_scanner_across_blocks_and_other_scripts()
    {
        // Long mostly-ASCII texts: words and numbers with joiners ("1.1.1", "don't", "N.S."), and now and then a
        // character the masks do not count (Cyrillic, a combining accent, an emoji, a carriage return).
        string[] pieces = ["word", "1", "1962", ".", ",", "'", " ", "  ", "\n", "a", "Q", "1.5", "1,000", "don't", "N.S.", "-", "[", "?"];
        string[] rare = ["я", "\u0301", "😀", "\r", "\u2019", "\u00a0", "\u0663"];
        var piece = Gen.Frequency((40, Gen.OneOf(pieces)), (1, Gen.OneOf(rare)));
        Gen.Select(piece.Array[50, 400].Select(string.Concat), Gen.Int[0, 400]).Sample(
            (text, pick) =>
            {
                var tokens = Scan(text, 0, text.Length);
                var words = tokens.Count(t => t.Kind is TokenKind.Word or TokenKind.Number);
                Assert.Equal(words, Tokenizer.CountWords(text));
                Assert.Equal(words > 0, Tokenizer.HasWords(text));
                var from = tokens[pick % tokens.Count].Start;
                Assert.Equal(tokens.Where(t => t.Start >= from).Count(t => t.Kind is TokenKind.Word or TokenKind.Number), Tokenizer.CountWords(text, from, text.Length));
            },
            iter: 3000);
    }

    [Theory]
    [InlineData("one two", true)]
    [InlineData("  \n", false)]
    [InlineData(" -- [?] ", false)]
    [InlineData("\u2014 \u0439", true)]
    [InlineData("\u0301", true)]
    [InlineData("", false)]
    public void A_line_has_words_when_it_holds_a_word_or_number_token(string text, bool expected)
    {
        Assert.Equal(expected, Tokenizer.HasWords(text));
        Assert.Equal(expected, Tokenizer.CountWords(text) > 0);
    }

    [Fact]
    public void Discarding_unmatched_tokens_keeps_the_edit_script_minimal()
    {
        // Long enough (n + m ≥ 256) for the discard step; a third of the tokens occur on one side only.
        var token = Gen.Frequency((2, Gen.Int[0, 15]), (1, Gen.Int[1000, 1_000_000]));
        Gen.Select(token.Array[130, 260], token.Array[130, 260]).Sample(
            (a, b) =>
            {
                var blocks = SequenceDiff.Diff(a, 0, a.Length, b, 0, b.Length, long.MaxValue, out _)!;
                Assert.Equal(b, Apply(a, b, blocks));
                Assert.Equal(a.Length + b.Length - (2 * LongestCommonSubsequence(a, b)), blocks.Sum(x => x.LeftCount + x.RightCount));
            },
            iter: 200);
    }

    [Fact]
    public void Paragraphs_edited_in_place_stay_changes_and_a_moved_one_is_still_a_move()
    {
        var random = new Random(1962);
        string[] vocabulary = ["Kennedy", "said", "the", "President", "Soviet", "missiles", "Cuba", "ambassador", "letter", "government", "Поздно", "ночью"];
        var paragraphs = Enumerable.Range(0, 30)
            .Select(p => string.Join(' ', Enumerable.Range(0, 40).Select(_ => vocabulary[random.Next(vocabulary.Length)])) + $" (paragraph {p}).")
            .ToList();

        // Two of three paragraphs have one word changed near each end, and paragraph 7 moves to the end.
        var edited = paragraphs.Select((p, i) => i % 3 == 0 ? p : "Later " + p[(p.IndexOf(' ') + 1)..].Replace(" (paragraph", " [?] (paragraph", StringComparison.Ordinal)).ToList();
        var moved = edited[7];
        edited.RemoveAt(7);
        edited.Add(moved);
        var diff = TextDiffer.Instance.Diff(string.Join("\n\n", paragraphs) + "\n", string.Join("\n\n", edited) + "\n");

        var moves = diff.Operations.Where(o => o.Kind == DiffOperationKind.Moved).ToList();
        Assert.Equal(2, moves.Count);
        Assert.Contains("(paragraph 7)", moves[0].LeftText + moves[0].RightText, StringComparison.Ordinal);
        Assert.Equal(19, diff.Operations.Count(o => o.Kind == DiffOperationKind.Changed));
        Assert.Equal(20, diff.Stats.EditorialChanges);
    }

    [Fact]
    public void Two_paragraphs_merged_into_one_are_one_change()
    {
        // Three blank lines around the merged paragraphs become two: a shortest diff may keep either pair equal,
        // and only one choice shows the merge as one change instead of an edit plus a deleted paragraph.
        var paragraphs = Enumerable.Range(0, 10).Select(i => string.Join(' ', Enumerable.Range(0, 12).Select(j => $"w{i}x{j}"))).ToList();
        var edited = paragraphs.Select((p, i) => i is 1 or 8 ? p.Replace("x3 ", "y3 ", StringComparison.Ordinal) : p).ToList();
        edited[4] = edited[4] + " and " + edited[5];
        edited.RemoveAt(5);
        var diff = TextDiffer.Instance.Diff(string.Join("\n\n", paragraphs) + "\n", string.Join("\n\n", edited) + "\n");

        var merge = Assert.Single(diff.Operations, o => o.LeftText.Contains("w5x0", StringComparison.Ordinal));
        Assert.Equal(DiffOperationKind.Changed, merge.Kind);
        Assert.Equal((3, 1), (merge.LeftCount, merge.RightCount));
        Assert.DoesNotContain(diff.Operations, o => o.Kind is DiffOperationKind.Deleted or DiffOperationKind.Inserted);
        Assert.Equal(3, diff.Stats.WordsInserted);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(9)]
    public void When_every_paragraph_changed_and_one_was_deleted_the_others_still_pair_with_their_own(int deleted)
    {
        // Only blank lines match here, and the line diff alone would leave over the last one, pairing every
        // paragraph after the deleted one with its neighbour's new text.
        var paragraphs = Enumerable.Range(0, 10).Select(i => string.Join(' ', Enumerable.Range(0, 12).Select(j => $"w{i}x{j}"))).ToList();
        var edited = paragraphs.Select(p => p.Replace("x3 ", "y3 ", StringComparison.Ordinal)).ToList();
        edited.RemoveAt(deleted);
        var diff = TextDiffer.Instance.Diff(string.Join("\n\n", paragraphs) + "\n", string.Join("\n\n", edited) + "\n");

        // Each remaining paragraph differs by one word; the deleted one loses its 12. Misaligned, every word would differ.
        Assert.Equal(9, diff.Stats.WordsInserted);
        Assert.Equal(9 + 12, diff.Stats.WordsDeleted);
        var removed = diff.Operations.SelectMany(o => o.Spans).Where(s => s.Kind == DiffSpanKind.Deleted).Select(s => s.Text);
        Assert.Contains(removed, t => t.Contains($"w{deleted}x0 w{deleted}x1", StringComparison.Ordinal));
        DiffAssert.Reconstructs(string.Join("\n\n", paragraphs) + "\n", string.Join("\n\n", edited) + "\n", diff);
    }

    [Theory]
    [InlineData(2, 7)]
    [InlineData(6, 1)]
    public void A_paragraph_moved_among_paragraphs_all_edited_is_a_move_and_the_others_keep_their_partners(int from, int to)
    {
        var paragraphs = Enumerable.Range(0, 8).Select(i => string.Join(' ', Enumerable.Range(0, 12).Select(j => $"w{i}x{j}"))).ToList();
        var edited = paragraphs.Select(p => p.Replace("x3 ", "y3 ", StringComparison.Ordinal)).ToList();
        var moved = edited[from];
        edited.RemoveAt(from);
        edited.Insert(to, moved);
        var diff = TextDiffer.Instance.Diff(string.Join("\n\n", paragraphs) + "\n", string.Join("\n\n", edited) + "\n");

        var moves = diff.Operations.Where(o => o.Kind == DiffOperationKind.Moved).ToList();
        Assert.Equal(2, moves.Count);
        Assert.All(moves, o => Assert.Contains($"w{from}x0", o.LeftText + o.RightText, StringComparison.Ordinal));
        Assert.Equal(7, diff.Operations.Count(o => o.Kind == DiffOperationKind.Changed));
        Assert.Equal(8, diff.Stats.WordsInserted);
        Assert.Equal(8, diff.Stats.WordsDeleted);
        Assert.Equal(11, diff.Stats.WordsMoved);
    }

    [Fact]
    public void Joining_a_deletion_to_its_neighbour_keeps_the_edit_script()
    {
        // Lines: 0 = blank, others distinct; a deletion slides over blank lines only when they repeat its own lines.
        int[] a = [1, 0, 2, 0, 3, 0, 4];
        int[] b = [1, 0, 9, 0, 4];
        var blocks = LineDiff.Join([new(2, 1, 2, 1), new(3, 2, 3, 0)], a, b);
        Assert.Equal([new ChangeBlock(2, 3, 2, 1)], blocks);
        Assert.Equal(b, Apply(a, b, blocks));
    }

    private static List<(int Start, int End, TokenKind Kind)> Scan(string text, int from, int to)
    {
        var tokens = new List<(int, int, TokenKind)>();
        var scanner = new Tokenizer.WordScanner(text, from, to);
        while (scanner.Next(out var start, out var end, out var kind))
        {
            tokens.Add((start, end, kind));
        }

        return tokens;
    }

    private static int[] Apply(int[] a, int[] b, List<ChangeBlock> blocks)
    {
        var result = new List<int>();
        var position = 0;
        foreach (var block in blocks)
        {
            result.AddRange(a[position..block.LeftStart]);
            result.AddRange(b[block.RightStart..(block.RightStart + block.RightCount)]);
            position = block.LeftStart + block.LeftCount;
        }

        result.AddRange(a[position..]);
        return [.. result];
    }

    private static int LongestCommonSubsequence(int[] a, int[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var x in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
