using System.Text;
using System.Text.Json;
using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Diff;

public class TextDifferTests
{
    private const string Evening =
        "Late in the evening of October 23, R. Kennedy came to visit me. He was in an obviously excited condition.\n";

    private const string Initiative =
        "I came on my own personal initiative without any assignment from the President. I considered it necessary to do this.\n";

    private const string Beginning =
        "From the very beginning, continued R. Kennedy, the Soviet side have stressed the defensive nature of the weapons.\n";

    private const string Trust =
        "With even greater feelings of trust we took the corresponding declarations of the head of the Soviet government.\n";

    private static DiffResult Diff(string left, string right, DiffOptions? options = null)
    {
        var diff = TextDiffer.Instance.Diff(left, right, options);
        DiffAssert.Reconstructs(left, right, diff);
        return diff;
    }

    public class Normalization
    {
        [Fact]
        public void Crlf_versus_lf_is_not_a_change()
        {
            var diff = Diff("Copy No. 1\r\nTOP SECRET\r\n", "Copy No. 1\nTOP SECRET\n");

            Assert.True(diff.IsIdentical);
            Assert.Single(diff.Operations);
            Assert.Equal(1.0, diff.Stats.Similarity);
        }

        [Fact]
        public void Nfd_versus_nfc_is_not_a_change()
        {
            var diff = Diff("Cafe\u0301 Ями\u0306\n", "Caf\u00e9 Ям\u0439\n");

            Assert.True(diff.IsIdentical);
        }

        [Fact]
        public void Empty_texts_have_no_operations()
        {
            var diff = Diff("", "");

            Assert.Empty(diff.Operations);
            Assert.Equal(1.0, diff.Stats.Similarity);
        }
    }

    public class Whitespace
    {
        [Fact]
        public void Trailing_newline_added_is_a_change()
        {
            var diff = Diff("TOP SECRET", "TOP SECRET\n");

            var op = Assert.Single(diff.Operations);
            Assert.Equal(DiffOperationKind.Changed, op.Kind);
            Assert.Equal([new DiffSpan(DiffSpanKind.Equal, "TOP SECRET", false), new DiffSpan(DiffSpanKind.Inserted, "\n", false)], op.Spans);
            var row = Assert.Single(diff.Rows);
            Assert.True(row.Left!.MissingNewline);
            Assert.False(row.Right!.MissingNewline);
        }

        [Fact]
        public void Trailing_newline_removed_is_a_change()
        {
            var diff = Diff("a\nTOP SECRET\n", "a\nTOP SECRET");

            var op = diff.Operations[^1];
            Assert.Equal(DiffOperationKind.Changed, op.Kind);
            Assert.Equal(new DiffSpan(DiffSpanKind.Deleted, "\n", false), op.Spans[^1]);
        }

        [Fact]
        public void Indentation_only_edit_is_a_change()
        {
            var diff = Diff("Copy No. 1\n    TOP SECRET\n", "Copy No. 1\n  TOP SECRET\n");

            var op = diff.Operations[^1];
            Assert.Equal(DiffOperationKind.Changed, op.Kind);
            Assert.Equal(
                [
                    new DiffSpan(DiffSpanKind.Deleted, "    ", false),
                    new DiffSpan(DiffSpanKind.Inserted, "  ", false),
                    new DiffSpan(DiffSpanKind.Equal, "TOP SECRET\n", false),
                ],
                op.Spans);
        }
    }

    public class Words
    {
        [Fact]
        public void Changed_paragraph_shows_word_spans_between_equal_lines()
        {
            var diff = Diff(Evening + "\n" + Initiative, Evening + "\n" + Initiative.Replace("personal", "private", StringComparison.Ordinal));

            Assert.Equal([DiffOperationKind.Equal, DiffOperationKind.Changed], diff.Operations.Select(o => o.Kind));
            var changed = diff.Operations[1];
            Assert.Equal((3, 1, 3, 1), (changed.LeftStart, changed.LeftCount, changed.RightStart, changed.RightCount));
            Assert.Contains(new DiffSpan(DiffSpanKind.Deleted, "personal", false), changed.Spans);
            Assert.Contains(new DiffSpan(DiffSpanKind.Inserted, "private", false), changed.Spans);
            Assert.Equal(1, diff.Stats.WordsInserted);
            Assert.Equal(1, diff.Stats.WordsDeleted);
        }

        [Fact]
        public void Cyrillic_words_are_compared_whole()
        {
            var diff = Diff("Поздно вечером 23 октября ко мне приехал Р. Кеннеди.\n", "Поздно ночью 23 октября ко мне приехал Р. Кеннеди.\n");

            var spans = Assert.Single(diff.Operations).Spans;
            Assert.Equal(
                [
                    new DiffSpan(DiffSpanKind.Equal, "Поздно ", false),
                    new DiffSpan(DiffSpanKind.Deleted, "вечером", false),
                    new DiffSpan(DiffSpanKind.Inserted, "ночью", false),
                    new DiffSpan(DiffSpanKind.Equal, " 23 октября ко мне приехал Р. Кеннеди.\n", false),
                ],
                spans);
        }

        [Fact]
        public void Stats_count_words_and_similarity()
        {
            var diff = Diff("a b c\n", "a x c\n");

            Assert.Equal(2, diff.Stats.WordsUnchanged);
            Assert.Equal(1, diff.Stats.WordsInserted);
            Assert.Equal(1, diff.Stats.WordsDeleted);
            Assert.Equal(1, diff.Stats.LinesInserted);
            Assert.Equal(1, diff.Stats.LinesDeleted);
            Assert.Equal(0.6667, diff.Stats.Similarity);
        }

        [Fact]
        public void Line_granularity_shows_whole_lines()
        {
            var diff = Diff("a b c\n", "a x c\n", new DiffOptions { Granularity = DiffGranularity.Line });

            Assert.Equal(
                [new DiffSpan(DiffSpanKind.Deleted, "a b c\n", false), new DiffSpan(DiffSpanKind.Inserted, "a x c\n", false)],
                Assert.Single(diff.Operations).Spans);
        }
    }

    public class Characters
    {
        private static readonly DiffOptions CharOptions = new() { Granularity = DiffGranularity.Char };

        [Theory]
        [InlineData("a😀b", "a😁b", "😀", "😁")]
        [InlineData("x𝔘y", "x𝔙y", "𝔘", "𝔙")]
        [InlineData("xq\u0301y", "xq\u0300y", "q\u0301", "q\u0300")]
        [InlineData("x👨‍👩‍👧y", "x👨‍👩‍👦y", "👨‍👩‍👧", "👨‍👩‍👦")]
        public void Never_splits_a_grapheme(string left, string right, string deleted, string inserted)
        {
            var diff = Diff(left, right, CharOptions);

            var spans = Assert.Single(diff.Operations).Spans;
            Assert.Equal(deleted, Assert.Single(spans, s => s.Kind == DiffSpanKind.Deleted).Text);
            Assert.Equal(inserted, Assert.Single(spans, s => s.Kind == DiffSpanKind.Inserted).Text);
        }

        [Fact]
        public void Single_letter_change_shows_as_one_character()
        {
            var diff = Diff("Dobrynin\n", "Dobrinin\n", CharOptions);

            Assert.Equal(
                [
                    new DiffSpan(DiffSpanKind.Equal, "Dobr", false),
                    new DiffSpan(DiffSpanKind.Deleted, "y", false),
                    new DiffSpan(DiffSpanKind.Inserted, "i", false),
                    new DiffSpan(DiffSpanKind.Equal, "nin\n", false),
                ],
                Assert.Single(diff.Operations).Spans);
        }
    }

    public class Moves
    {
        [Fact]
        public void Moved_paragraph_with_a_word_change_is_a_move()
        {
            var left = Evening + "\n" + Initiative + "\n" + Beginning + "\n" + Trust;
            var movedEdited = Initiative.Replace("necessary", "essential", StringComparison.Ordinal);
            var right = Evening + "\n" + Beginning + "\n" + Trust + "\n" + movedEdited;

            var diff = Diff(left, right);

            var from = Assert.Single(diff.Operations, o => o.Direction == MoveDirection.From);
            var to = Assert.Single(diff.Operations, o => o.Direction == MoveDirection.To);
            Assert.Equal(DiffOperationKind.Moved, from.Kind);
            Assert.Equal(from.MoveId, to.MoveId);
            Assert.Equal(Initiative, from.LeftText);
            Assert.Equal(movedEdited, to.RightText);
            Assert.Equal((3, 1), (from.LeftStart, from.LeftCount));
            Assert.Equal((7, 1), (to.RightStart, to.RightCount));
            Assert.Contains(new DiffSpan(DiffSpanKind.Deleted, "necessary", false), to.Spans);
            Assert.Contains(new DiffSpan(DiffSpanKind.Inserted, "essential", false), to.Spans);
            Assert.DoesNotContain(diff.Operations, o => o.Kind == DiffOperationKind.Changed && o.LeftText.Contains("initiative", StringComparison.Ordinal));
            Assert.True(diff.Stats.WordsMoved > 15);
            Assert.Equal(1, diff.Stats.WordsInserted);
            Assert.Equal(1, diff.Stats.WordsDeleted);
        }

        [Fact]
        public void Unlike_paragraphs_are_not_paired_as_a_move()
        {
            var diff = Diff(Evening + "\n" + Initiative, Trust + "\n" + Initiative);

            Assert.DoesNotContain(diff.Operations, o => o.Kind == DiffOperationKind.Moved);
        }

        [Fact]
        public void Moves_can_be_switched_off()
        {
            var left = Evening + Initiative + Beginning;
            var right = Evening + Beginning + Initiative;

            var diff = Diff(left, right, new DiffOptions { DetectMoves = false });

            Assert.DoesNotContain(diff.Operations, o => o.Kind == DiffOperationKind.Moved);
        }
    }

    public class Editorial
    {
        [Fact]
        public void Inserted_question_mark_mark_is_flagged_editorial()
        {
            var diff = Diff("the situation was contradictory.\n", "the situation was contradictory[?].\n");

            var inserted = Assert.Single(Assert.Single(diff.Operations).Spans, s => s.Kind == DiffSpanKind.Inserted);
            Assert.Equal(new DiffSpan(DiffSpanKind.Inserted, "[?]", true), inserted);
            Assert.Equal(1, diff.Stats.EditorialChanges);
            var row = Assert.Single(diff.Rows);
            Assert.Equal([new DiffSpan(DiffSpanKind.Equal, "the situation was contradictory.", false)], row.Left!.Spans);
            Assert.Equal(3, row.Right!.Spans.Count);
        }

        [Fact]
        public void Change_inside_a_mark_is_editorial_and_translated_text_is_not()
        {
            var diff = Diff(
                "via the ambassador and [Kennedy adviser Theodore] Sorensen, about\n",
                "via the envoy and [Kennedy aide Theodore] Sorensen, about\n");

            var changes = Assert.Single(diff.Operations).Spans.Where(s => s.Kind != DiffSpanKind.Equal).ToList();
            Assert.Contains(new DiffSpan(DiffSpanKind.Deleted, "adviser", true), changes);
            Assert.Contains(new DiffSpan(DiffSpanKind.Inserted, "aide", true), changes);
            Assert.Contains(new DiffSpan(DiffSpanKind.Deleted, "ambassador", false), changes);
            Assert.Equal(2, diff.Stats.EditorialChanges);
        }

        [Fact]
        public void Inserted_editorial_line_is_flagged()
        {
            var diff = Diff("a\nb\n", "a\n[half-line deleted--ed.]\nb\n");

            var op = Assert.Single(diff.Operations, o => o.Kind == DiffOperationKind.Inserted);
            Assert.Equal(new DiffSpan(DiffSpanKind.Inserted, "[half-line deleted--ed.]", true), op.Spans[0]);
        }
    }

    public class Bounded
    {
        private static string RandomText(int seed, int bytes, string[] vocabulary)
        {
            var random = new Random(seed);
            var text = new StringBuilder(bytes + 200);
            while (text.Length < bytes)
            {
                var words = random.Next(5, 40);
                for (var w = 0; w < words; w++)
                {
                    text.Append(vocabulary[random.Next(vocabulary.Length)]).Append(w + 1 < words ? " " : ".\n");
                }
            }

            return text.ToString();
        }

        [Fact]
        public void Completely_different_megabyte_texts_answer_bounded_and_correct()
        {
            var left = RandomText(1, 1_000_000, ["alpha", "beta", "gamma", "delta", "missile", "Cuba", "ambassador"]);
            var right = RandomText(2, 1_000_000, ["один", "два", "три", "ракета", "Куба", "посол"]);

            var diff = Diff(left, right);

            Assert.True(diff.Bounded);
            Assert.False(string.IsNullOrEmpty(diff.BoundedReason));
            Assert.Equal(0.0, diff.Stats.Similarity);
        }

        [Fact]
        public void Unique_line_anchors_keep_scattered_edits_exact_without_bounding()
        {
            var lines = Enumerable.Range(0, 3000).Select(i => $"Paragraph {i} of the telegram.\n").ToArray();
            var edited = (string[])lines.Clone();
            edited[10] = "Paragraph ten, revised.\n";
            edited[2990] = "Paragraph 2990, revised.\n";

            var diff = Diff(string.Concat(lines), string.Concat(edited), new DiffOptions { MaxTokenPairs = 10_000 });

            Assert.False(diff.Bounded);
            Assert.Equal(2, diff.Operations.Count(o => o.Kind == DiffOperationKind.Changed));
            Assert.All(diff.Operations.Where(o => o.Kind == DiffOperationKind.Changed), o => Assert.Equal(1, o.LeftCount));
        }

        [Fact]
        public void Scattered_edits_in_a_long_text_stay_line_exact_when_bounded()
        {
            // The swapped runs of repeated lines at the end have no unique line to anchor on and exceed the cap.
            var lines = Enumerable.Range(0, 3000).Select(i => $"Paragraph {i} of the telegram.\n").ToList();
            var edited = lines.ToList();
            edited[10] = "Paragraph ten, revised.\n";
            edited[2990] = "Paragraph 2990, revised.\n";
            lines.AddRange(Enumerable.Repeat("x\n", 100).Concat(Enumerable.Repeat("y\n", 100)));
            edited.AddRange(Enumerable.Repeat("y\n", 100).Concat(Enumerable.Repeat("x\n", 100)));

            var diff = Diff(string.Concat(lines), string.Concat(edited), new DiffOptions { MaxTokenPairs = 10_000 });

            Assert.True(diff.Bounded);
            Assert.Equal(2, diff.Operations.Count(o => o.Kind == DiffOperationKind.Changed && o.LeftCount == 1 && o.RightCount == 1));
        }

        [Fact]
        public void Word_diff_over_the_cap_falls_back_to_one_deletion_and_insertion()
        {
            var diff = Diff("x a b c d e f g y\n", "x g f e d c b a y\n", new DiffOptions { MaxTokenPairs = 20 });

            Assert.True(diff.Bounded);
            Assert.Equal(
                [DiffSpanKind.Equal, DiffSpanKind.Deleted, DiffSpanKind.Inserted, DiffSpanKind.Equal],
                Assert.Single(diff.Operations).Spans.Select(s => s.Kind));
        }

        [Fact]
        public void Small_diffs_are_not_bounded()
        {
            Assert.False(Diff(Evening, Initiative).Bounded);
        }
    }

    public class Scale
    {
        private static readonly string[] Vocabulary = MakeVocabulary();

        private static string[] MakeVocabulary()
        {
            var random = new Random(1962);
            return Enumerable.Range(0, 3000)
                .Select(_ => new string(Enumerable.Range(0, random.Next(2, 10)).Select(_ => (char)('a' + random.Next(26))).ToArray()))
                .ToArray();
        }

        /// <summary>Paragraphs of 40–160 words, one per line, separated by blank lines, as the benchmark texts are.</summary>
        private static List<string> Paragraphs(Random random, int count) =>
            Enumerable.Range(0, count)
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(40, 161)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])))
                .ToList();

        private static string Edit(Random random, string paragraph, double share)
        {
            var words = paragraph.Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                if (random.NextDouble() < share)
                {
                    words[w] = Vocabulary[random.Next(Vocabulary.Length)] + "x";
                }
            }

            return string.Join(' ', words);
        }

        private static string Text(IEnumerable<string> paragraphs) => string.Join("\n\n", paragraphs) + "\n";

        [Fact]
        public void One_percent_of_words_changed_in_a_long_text_is_exact()
        {
            var random = new Random(1);
            var paragraphs = Paragraphs(random, 350);
            var left = Text(paragraphs);
            var right = Text(paragraphs.Select(p => Edit(random, p, 0.01)));

            var diff = Diff(left, right);

            Assert.True(left.Length > 200_000);
            Assert.False(diff.Bounded, diff.BoundedReason);
            Assert.DoesNotContain(diff.Operations, o => o.Kind == DiffOperationKind.Moved);
            Assert.All(diff.Operations.Where(o => o.Kind != DiffOperationKind.Equal), o => Assert.Equal((1, 1), (o.LeftCount, o.RightCount)));
            Assert.InRange(diff.Stats.WordsInserted, 1, diff.Stats.WordsUnchanged / 50);
        }

        [Fact]
        public void Moved_paragraph_is_found_among_thousands_of_scattered_edits()
        {
            var random = new Random(2);
            var paragraphs = Paragraphs(random, 1500);
            var edited = paragraphs.Select(p => Edit(random, p, 0.02)).ToList();
            var moved = edited[100];
            edited.RemoveAt(100);
            edited.Insert(1200, moved);

            var diff = Diff(Text(paragraphs), Text(edited));

            Assert.False(diff.Bounded, diff.BoundedReason);
            var from = Assert.Single(diff.Operations, o => o.Direction == MoveDirection.From);
            var to = Assert.Single(diff.Operations, o => o.Direction == MoveDirection.To);
            Assert.Equal(paragraphs[100] + "\n", from.LeftText);
            Assert.Equal(moved + "\n", to.RightText);
        }
    }

    public class Json
    {
        [Fact]
        public void Serializes_camel_case_with_lowercase_kinds()
        {
            var left = Evening + "\n" + Initiative + "\n" + Beginning;
            var right = Evening + "\n" + Beginning + "\n" + Initiative.Replace("own ", "", StringComparison.Ordinal);

            var json = DiffJson.Serialize(Diff(left, right));
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;

            Assert.Equal("word", root.GetProperty("granularity").GetString());
            var kinds = root.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("kind").GetString()).ToList();
            Assert.Contains("moved", kinds);
            Assert.Contains("equal", kinds);
            var moved = root.GetProperty("operations").EnumerateArray().First(o => o.GetProperty("kind").GetString() == "moved");
            Assert.Equal("from", moved.GetProperty("direction").GetString());
            Assert.Equal(1, moved.GetProperty("moveId").GetInt32());
            Assert.Equal("deleted", moved.GetProperty("spans").EnumerateArray().First(s => s.GetProperty("kind").GetString() != "equal").GetProperty("kind").GetString());
            Assert.True(root.GetProperty("stats").GetProperty("wordsMoved").GetInt32() > 0);
            Assert.False(root.GetProperty("bounded").GetBoolean());
            Assert.True(root.GetProperty("rows").GetArrayLength() > 0);
            Assert.DoesNotContain("wordCount", json, StringComparison.OrdinalIgnoreCase);
        }
    }
}
