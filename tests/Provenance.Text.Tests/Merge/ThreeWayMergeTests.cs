using System.Text.Json;
using CsCheck;
using Provenance.Text.Merge;

namespace Provenance.Text.Tests.Merge;

public class ThreeWayMergeTests
{
    private const string P1 = "Late in the evening of October 23, R. Kennedy came to visit me. He was in an obviously excited condition.";
    private const string P2 = "I came on my own personal initiative without any assignment from the President. I considered it necessary to do this. Most important is the fact that the personal relations have suffered heavy damage.";
    private const string P3 = "From the very beginning, continued R. Kennedy, the Soviet side--N.S. Khrushchev, the Soviet government--have stressed the defensive nature of the weapons.";
    private const string P4 = "24.X.62 A. DOBRYNIN";

    private static readonly string Base = Text(P1, P2, P3, P4);

    private static string Text(params string[] paragraphs) => string.Join('\n', paragraphs) + "\n";

    public class Clean_merges
    {
        [Fact]
        public void Edits_to_different_paragraphs_from_a_stale_base_both_apply()
        {
            var head = Text(P1.Replace("excited", "agitated", StringComparison.Ordinal), P2, P3, P4);
            var submitted = Text(P1, P2, P3.Replace("defensive", "purely defensive", StringComparison.Ordinal), P4);

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.True(result.IsClean);
            Assert.Empty(result.Conflicts);
            Assert.Equal(
                Text(P1.Replace("excited", "agitated", StringComparison.Ordinal), P2, P3.Replace("defensive", "purely defensive", StringComparison.Ordinal), P4),
                result.MergedText);
        }

        [Fact]
        public void Edits_to_neighbouring_paragraphs_merge()
        {
            var result = ThreeWayMerge.Merge(Base, Text(P1, "P2 by head", P3, P4), Text(P1, P2, "P3 by submitter", P4));

            Assert.Equal(Text(P1, "P2 by head", "P3 by submitter", P4), result.MergedText);
        }

        [Fact]
        public void Same_change_on_both_sides_is_kept_once()
        {
            var edited = Text(P1, P2.Replace("heavy", "serious", StringComparison.Ordinal), P3, P4);

            var result = ThreeWayMerge.Merge(Base, edited, edited.Replace("\n", "\r\n", StringComparison.Ordinal));

            Assert.True(result.IsClean);
            Assert.Equal(edited, result.MergedText);
        }

        [Fact]
        public void Same_change_on_both_sides_plus_other_edits_is_kept_once()
        {
            var head = Text(P1, "Shared fix.", P3, "Head signature");
            var submitted = Text("Submitted opening.", P1, "Shared fix.", P3, P4);

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.Equal(Text("Submitted opening.", P1, "Shared fix.", P3, "Head signature"), result.MergedText);
        }

        [Fact]
        public void Deleting_a_paragraph_the_other_side_did_not_touch_merges()
        {
            var head = Text(P1, P3, P4);
            var submitted = Text(P1, P2, P3, P4 + " [signature]");

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.Equal(Text(P1, P3, P4 + " [signature]"), result.MergedText);
        }

        [Fact]
        public void Head_equal_to_base_yields_the_submitted_text()
        {
            var submitted = Text(P1, "Rewritten.", P3);

            Assert.Equal(submitted, ThreeWayMerge.Merge(Base, Base, submitted).MergedText);
        }

        [Fact]
        public void Submitted_equal_to_base_yields_the_head_text()
        {
            var head = Text(P4, P3, P2, P1);

            Assert.Equal(head, ThreeWayMerge.Merge(Base, head, Base).MergedText);
        }

        [Fact]
        public void Edits_to_different_sentences_of_one_paragraph_merge()
        {
            var head = Text(P1, P2.Replace("I came on my own", "I came on my very own", StringComparison.Ordinal), P3, P4);
            var submitted = Text(P1, P2.Replace("heavy damage", "grave damage", StringComparison.Ordinal), P3, P4);

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.True(result.IsClean);
            Assert.Equal(
                Text(P1, P2.Replace("I came on my own", "I came on my very own", StringComparison.Ordinal).Replace("heavy damage", "grave damage", StringComparison.Ordinal), P3, P4),
                result.MergedText);
        }

        [Fact]
        public void Appending_a_sentence_while_the_other_side_edits_the_last_sentence_merges()
        {
            var head = Text(P1.Replace("excited condition", "agitated state", StringComparison.Ordinal), P2, P3, P4);
            var submitted = Text(P1 + " R. Kennedy said approximately the following.", P2, P3, P4);

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.Equal(
                Text(P1.Replace("excited condition", "agitated state", StringComparison.Ordinal) + " R. Kennedy said approximately the following.", P2, P3, P4),
                result.MergedText);
        }

        [Fact]
        public void Edits_in_different_sentences_across_a_split_paragraph_merge()
        {
            // Submitted splits P2 into two paragraphs; head fixes a word in the last sentence.
            var head = Text(P1, P2.Replace("heavy", "severe", StringComparison.Ordinal), P3, P4);
            var submitted = Text(P1, P2.Replace(" Most important", "\nMost important", StringComparison.Ordinal), P3, P4);

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.Equal(
                Text(P1, P2.Replace(" Most important", "\nMost important", StringComparison.Ordinal).Replace("heavy", "severe", StringComparison.Ordinal), P3, P4),
                result.MergedText);
        }

        [Fact]
        public void Abbreviations_do_not_split_a_sentence_into_mergeable_parts()
        {
            // "R. Kennedy" and "N.S. Khrushchev" sit inside one sentence of P3: edits on both sides of them conflict.
            var head = Text(P1, P2, P3.Replace("From the very beginning", "From the start", StringComparison.Ordinal), P4);
            var submitted = Text(P1, P2, P3.Replace("the defensive nature", "the defensive character", StringComparison.Ordinal), P4);

            Assert.False(ThreeWayMerge.Merge(Base, head, submitted).IsClean);
        }
    }

    public class Conflicts
    {
        [Fact]
        public void Same_sentence_changed_differently_conflicts_with_the_paragraph_texts()
        {
            var headP2 = P2.Replace("heavy damage", "grave damage", StringComparison.Ordinal);
            var submittedP2 = P2.Replace("suffered heavy", "suffered very heavy", StringComparison.Ordinal);

            var result = ThreeWayMerge.Merge(Base, Text(P1, headP2, P3, P4), Text(P1, submittedP2, P3, P4));

            Assert.False(result.IsClean);
            Assert.Null(result.MergedText);
            var conflict = Assert.Single(result.Conflicts);
            Assert.Equal(new MergeConflict(2, 1, P2, headP2, submittedP2), conflict);
        }

        [Fact]
        public void Deleting_a_paragraph_the_other_side_edited_conflicts()
        {
            var submittedP3 = P3.Replace("weapons", "arms", StringComparison.Ordinal);

            var result = ThreeWayMerge.Merge(Base, Text(P1, P2, P4), Text(P1, P2, submittedP3, P4));

            var conflict = Assert.Single(result.Conflicts);
            Assert.Equal(new MergeConflict(3, 1, P3, string.Empty, submittedP3), conflict);
        }

        [Fact]
        public void Different_insertions_at_the_same_place_conflict()
        {
            var result = ThreeWayMerge.Merge(Base, Text(P1, P2, P3, P4, "Head note."), Text(P1, P2, P3, P4, "Submitted note."));

            var conflict = Assert.Single(result.Conflicts);
            Assert.Equal(new MergeConflict(5, 0, string.Empty, "Head note.", "Submitted note."), conflict);
        }

        [Fact]
        public void Each_conflicting_paragraph_is_reported_and_clean_ones_are_not()
        {
            var head = Text("H1.", P2, "H3.", P4);
            var submitted = Text("S1.", P2, "S3.", P4 + " (signed)");

            var result = ThreeWayMerge.Merge(Base, head, submitted);

            Assert.Equal([1, 3], result.Conflicts.Select(c => c.BaseStartLine));
        }

        [Fact]
        public void Conflict_serializes_to_camel_case_json()
        {
            var result = ThreeWayMerge.Merge("a\n", "b\n", "c\n");

            var json = JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web));

            Assert.Equal(
                """{"isClean":false,"mergedText":null,"conflicts":[{"baseStartLine":1,"baseLineCount":1,"baseText":"a","headText":"b","submittedText":"c"}]}""",
                json);
            var back = JsonSerializer.Deserialize<MergeResult>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.Equal(result.Conflicts, back!.Conflicts);
        }
    }

    public class Encoding_noise
    {
        [Fact]
        public void Crlf_inputs_merge_as_lf()
        {
            var head = Text("Head first.", P2, P3, P4).Replace("\n", "\r\n", StringComparison.Ordinal);
            var submitted = Text(P1, P2, P3, "Submitted last.");

            var result = ThreeWayMerge.Merge(Base.Replace("\n", "\r\n", StringComparison.Ordinal), head, submitted);

            Assert.Equal(Text("Head first.", P2, P3, "Submitted last."), result.MergedText);
        }

        [Fact]
        public void Nfd_and_nfc_spellings_of_the_same_text_are_not_edits()
        {
            const string nfc = "Посол Добрынин\nПримечание: café\n";
            var nfd = nfc.Normalize(System.Text.NormalizationForm.FormD);
            Assert.NotEqual(nfc, nfd);

            var result = ThreeWayMerge.Merge(nfc, nfd, "Посол Добрынин\nПримечание: café.\n");

            Assert.Equal("Посол Добрынин\nПримечание: café.\n", result.MergedText);
        }

        [Fact]
        public void Output_is_nfc_even_when_only_nfd_changes_arrive()
        {
            var nfd = "Re\u0301sume\u0301 one\nline two\n";

            var result = ThreeWayMerge.Merge("Résumé one\nline 2\n", "Résumé one\nline 2\n", nfd);

            Assert.Equal("Résumé one\nline two\n", result.MergedText);
        }
    }

    public class Trailing_newline
    {
        [Theory]
        [InlineData("a\nb\n", "A\nb\n", "a\nB\n", "A\nB\n")]
        [InlineData("a\nb", "A\nb", "a\nB", "A\nB")]
        [InlineData("a\nb", "A\nb", "a\nB\n", "A\nB\n")]
        [InlineData("a\nb\n", "A\nb\n", "a\nB", "A\nB")]
        [InlineData("a\nb", "a\nb\n", "A\nb", "A\nb\n")]
        [InlineData("a\nb\n", "a\nb", "a\nB\n", "a\nB")]
        public void Newline_change_on_one_side_wins(string baseText, string head, string submitted, string expected)
        {
            Assert.Equal(expected, ThreeWayMerge.Merge(baseText, head, submitted).MergedText);
        }

        [Fact]
        public void Empty_texts_merge()
        {
            Assert.Equal("new\n", ThreeWayMerge.Merge(string.Empty, string.Empty, "new\n").MergedText);
            Assert.Equal(string.Empty, ThreeWayMerge.Merge("a\n", string.Empty, "a\n").MergedText);
            Assert.Equal("b\n", ThreeWayMerge.Merge("a\nb\n", "b\n", "a\nb\n").MergedText);
        }
    }

    public class Properties
    {
        private static readonly Gen<string> Word = Gen.OneOf("the", "Soviet", "side", "R.", "Kennedy", "missiles", "Cuba", "said", "President", "weapons", "defensive", "A.", "of", "N.S.", "Khrushchev.");

        private static readonly Gen<string[]> Words = Word.Array[1, 12];

        // Edit kinds: 0 replace a word, 1 delete the paragraph, 2 add a paragraph after it, 3 append a sentence.
        private static readonly Gen<(int Kind, int At, string Word)> Edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100], Word);

        [Fact]
        public void Edits_to_different_paragraphs_always_merge_cleanly_and_keep_both()
        {
            Gen.Select(Words.Array[2, 10], Gen.Int[0, 1000], Gen.Int[0, 1000], Edit, Edit, Gen.Bool)
                .Sample((paragraphs, i, j, headEdit, submittedEdit, crlf) =>
                {
                    // A paragraph number keeps paragraphs distinct, as real paragraphs are; then the diff is unambiguous.
                    var lines = paragraphs.Select((words, n) => $"¶{n} " + string.Join(' ', words)).ToList();
                    var headAt = i % lines.Count;
                    var submittedAt = (headAt + 1 + (j % (lines.Count - 1))) % lines.Count;
                    var head = Apply(lines, headAt, headEdit, "H");
                    var submitted = Apply(lines, submittedAt, submittedEdit, "S");
                    var expected = lines.SelectMany((line, n) =>
                        n == headAt ? head.Replacement : n == submittedAt ? submitted.Replacement : [line]).ToList();

                    var result = ThreeWayMerge.Merge(
                        Join(lines, crlf), Join(head.Lines, false), Join(submitted.Lines, crlf));

                    return result.IsClean && string.Equals(result.MergedText, Join(expected, false), StringComparison.Ordinal);
                }, iter: 500);
        }

        private static (List<string> Lines, List<string> Replacement) Apply(List<string> lines, int at, (int Kind, int At, string Word) edit, string side)
        {
            var line = lines[at];
            List<string> replacement = edit.Kind switch
            {
                0 => [ReplaceWord(line, edit.At, $"{side}-{edit.Word}")],
                1 => [],
                2 => [line, $"¶{side} new {edit.Word}"],
                _ => [$"{line} {side} adds {edit.Word}."],
            };
            var result = lines.Take(at).Concat(replacement).Concat(lines.Skip(at + 1)).ToList();
            return (result, replacement);
        }

        private static string ReplaceWord(string line, int at, string word)
        {
            var words = line.Split(' ');
            words[1 + (at % (words.Length - 1))] = word;
            return string.Join(' ', words);
        }

        private static string Join(List<string> lines, bool crlf) =>
            lines.Count == 0 ? string.Empty : string.Join(crlf ? "\r\n" : "\n", lines) + (crlf ? "\r\n" : "\n");
    }
}
