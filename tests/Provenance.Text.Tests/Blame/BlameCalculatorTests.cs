using System.Text;
using CsCheck;
using Provenance.Text.Blame;

namespace Provenance.Text.Tests.Blame;

public class BlameCalculatorTests
{
    private const string P1S1 = "Late in the evening of October 23, R. Kennedy came to visit me. ";
    private const string P1S2 = "He was in an obviously excited condition.";
    private const string P2S1 = "I came on my own personal initiative. ";
    private const string P2S2 = "I considered it necessary to do this. ";
    private const string P2S3 = "Most important is the fact that relations have suffered heavy damage.";
    private const string P3S1 = "From the very beginning the Soviet side--N.S. Khrushchev--stressed the defensive nature of the weapons. ";
    private const string P3S2 = "Mr. Ambassador, A. A. Gromyko told the President the same. ";
    private const string P3S3 = "The U.S. government understood this as the true position of the USSR.";
    private const string P4S1 = "Overall, his visit left a somewhat strange impression. ";
    private const string P4S2 = "He had not spoken about the future.";

    private const string P1 = P1S1 + P1S2;
    private const string P2 = P2S1 + P2S2 + P2S3;
    private const string P3 = P3S1 + P3S2 + P3S3;
    private const string P4 = P4S1 + P4S2;
    private const string P2Edited = P2S1 + P2S2 + "Most important is the fact that the personal relations have suffered heavy damage.";
    private const string P3S2Edited = "Mr. Ambassador, A. A. Gromyko told the President the same thing. ";
    private const string P3Edited = P3S1 + P3S2Edited + P3S3;

    // A writes three paragraphs, B edits paragraph 2, C adds paragraph 4, D moves paragraph 1 to the end,
    // E changes one word in the second sentence of paragraph 3.
    private static readonly string[] MultiAuthorHistory =
    [
        Text(P1, P2, P3),
        Text(P1, P2Edited, P3),
        Text(P1, P2Edited, P3, P4),
        Text(P2Edited, P3, P4, P1),
        Text(P2Edited, P3Edited, P4, P1),
    ];

    private static string Text(params string[] paragraphs) => string.Join('\n', paragraphs) + "\n";

    private static string Concat(IEnumerable<BlameSpan> spans) => string.Concat(spans.Select(span => span.Text));

    /// <summary>Each line of the blamed text with its revision; fails if a line is split between revisions.</summary>
    private static List<(string Line, int Revision)> PerLine(IReadOnlyList<BlameSpan> spans)
    {
        var lines = new List<(string, int)>();
        for (var s = 0; s < spans.Count; s++)
        {
            var span = spans[s];
            var parts = span.Text.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                var isLast = i == parts.Length - 1;
                if (isLast && parts[i].Length == 0)
                {
                    continue;
                }

                Assert.False(isLast && s < spans.Count - 1, $"Line blame split a line: '{span.Text}'");
                lines.Add((parts[i], span.RevisionIndex));
            }
        }

        return lines;
    }

    public class Line_granularity
    {
        [Fact]
        public void Multi_author_history_credits_each_paragraph_to_its_writer_and_moves_keep_the_author()
        {
            var spans = BlameCalculator.Blame(MultiAuthorHistory, BlameGranularity.Line);

            Assert.Equal([(P2Edited, 1), (P3Edited, 4), (P4, 2), (P1, 0)], PerLine(spans));
            Assert.Equal(MultiAuthorHistory[^1], Concat(spans));
        }

        [Fact]
        public void Blank_separator_lines_do_not_disturb_paragraph_blame()
        {
            var history = MultiAuthorHistory.Select(text => text.Replace("\n", "\n\n", StringComparison.Ordinal)).ToList();

            var paragraphs = PerLine(BlameCalculator.Blame(history, BlameGranularity.Line)).Where(line => line.Line.Length > 0);

            Assert.Equal([(P2Edited, 1), (P3Edited, 4), (P4, 2), (P1, 0)], paragraphs);
        }

        [Fact]
        public void A_moved_and_lightly_edited_paragraph_is_credited_to_the_mover_as_a_line()
        {
            string[] history = [Text(P1, P2, P3), Text(P3Edited, P1, P2)];

            Assert.Equal([(P3Edited, 1), (P1, 0), (P2, 0)], PerLine(BlameCalculator.Blame(history, BlameGranularity.Line)));
        }

        [Fact]
        public void Adjacent_spans_from_one_revision_are_merged()
        {
            var spans = BlameCalculator.Blame([Text(P1, P2), Text(P1, P2, P3, P4)], BlameGranularity.Line);

            Assert.Equal([new BlameSpan(P1 + "\n" + P2 + "\n", 0), new BlameSpan(P3 + "\n" + P4 + "\n", 1)], spans);
        }

        [Fact]
        public void A_line_restored_after_deletion_is_credited_to_the_restorer()
        {
            // Like git blame: only adjacent revisions are compared, so a revert is a new contribution.
            string[] history = [Text(P1, P2), Text(P1), Text(P1, P2)];

            Assert.Equal([(P1, 0), (P2, 2)], PerLine(BlameCalculator.Blame(history, BlameGranularity.Line)));
        }
    }

    public class Sentence_granularity
    {
        [Fact]
        public void Multi_author_history_credits_only_the_changed_sentences()
        {
            var spans = BlameCalculator.Blame(MultiAuthorHistory, BlameGranularity.Sentence);

            Assert.Equal(
                [
                    new BlameSpan(P2S1 + P2S2, 0),
                    new BlameSpan("Most important is the fact that the personal relations have suffered heavy damage.\n", 1),
                    new BlameSpan(P3S1, 0),
                    new BlameSpan(P3S2Edited, 4),
                    new BlameSpan(P3S3 + "\n", 0),
                    new BlameSpan(P4 + "\n", 2),
                    new BlameSpan(P1 + "\n", 0),
                ],
                spans);
        }

        [Fact]
        public void A_moved_and_lightly_edited_paragraph_credits_only_the_changed_sentence_to_the_mover()
        {
            string[] history = [Text(P1, P2, P3), Text(P3Edited, P1, P2)];

            Assert.Equal(
                [new BlameSpan(P3S1, 0), new BlameSpan(P3S2Edited, 1), new BlameSpan(P3S3 + "\n" + P1 + "\n" + P2 + "\n", 0)],
                BlameCalculator.Blame(history, BlameGranularity.Sentence));
        }

        [Fact]
        public void A_sentence_moved_to_another_paragraph_keeps_its_author()
        {
            string[] history = [Text(P1, P2), Text(P1 + " " + P2S2.TrimEnd(), P2S1 + P2S3 + " Added later.")];

            Assert.Equal(
                [new BlameSpan(P1 + " " + P2S2.TrimEnd() + "\n" + P2S1 + P2S3 + " ", 0), new BlameSpan("Added later.\n", 1)],
                BlameCalculator.Blame(history, BlameGranularity.Sentence));
        }

        [Fact]
        public void Splitting_a_paragraph_in_two_keeps_every_sentence_author()
        {
            string[] history = [Text(P2), Text(P2S1 + P2S2.TrimEnd(), P2S3)];

            Assert.Equal(
                [new BlameSpan(P2S1 + P2S2.TrimEnd() + "\n" + P2S3 + "\n", 0)],
                BlameCalculator.Blame(history, BlameGranularity.Sentence));
        }

        [Fact]
        public void Inserting_a_sentence_credits_only_that_sentence()
        {
            string[] history = [Text(P4), Text(P4S1 + "[Translator's note: sic.] " + P4S2)];

            Assert.Equal(
                [new BlameSpan(P4S1, 0), new BlameSpan("[Translator's note: sic.] ", 1), new BlameSpan(P4S2 + "\n", 0)],
                BlameCalculator.Blame(history, BlameGranularity.Sentence));
        }
    }

    public class Edge_cases
    {
        [Theory]
        [InlineData(BlameGranularity.Line)]
        [InlineData(BlameGranularity.Sentence)]
        public void Identical_consecutive_revisions_change_nothing(BlameGranularity granularity)
        {
            string[] history = [Text(P1, P2), Text(P1, P2), Text(P1, P2, P3), Text(P1, P2, P3)];

            Assert.Equal(
                [new BlameSpan(Text(P1, P2), 0), new BlameSpan(P3 + "\n", 2)],
                BlameCalculator.Blame(history, granularity));
        }

        [Theory]
        [InlineData(BlameGranularity.Line)]
        [InlineData(BlameGranularity.Sentence)]
        public void Empty_texts(BlameGranularity granularity)
        {
            Assert.Empty(BlameCalculator.Blame([], granularity));
            Assert.Empty(BlameCalculator.Blame([string.Empty], granularity));
            Assert.Empty(BlameCalculator.Blame([Text(P1), string.Empty], granularity));
            Assert.Equal([new BlameSpan("new\n", 1)], BlameCalculator.Blame([string.Empty, "new\n"], granularity));
            Assert.Equal([new BlameSpan("\n\n", 0)], BlameCalculator.Blame(["\n\n", "\r\n\r\n"], granularity));
        }

        [Theory]
        [InlineData(BlameGranularity.Line)]
        [InlineData(BlameGranularity.Sentence)]
        public void Crlf_and_nfd_noise_is_not_a_change(BlameGranularity granularity)
        {
            const string cyrillic = "Посол Й. Добрынин: café.\nСовершенно секретно.\n";
            string[] history =
            [
                cyrillic,
                cyrillic.Replace("\n", "\r\n", StringComparison.Ordinal),
                cyrillic.Normalize(NormalizationForm.FormD),
                cyrillic.Normalize(NormalizationForm.FormD).Replace("\n", "\r", StringComparison.Ordinal),
            ];

            Assert.Equal([new BlameSpan(cyrillic, 0)], BlameCalculator.Blame(history, granularity));
        }

        [Theory]
        [InlineData(BlameGranularity.Line)]
        [InlineData(BlameGranularity.Sentence)]
        public void Adding_or_removing_the_final_newline_is_not_authorship(BlameGranularity granularity)
        {
            Assert.Equal([new BlameSpan("a.\nb.\n", 0)], BlameCalculator.Blame(["a.\nb.", "a.\nb.\n"], granularity));
            Assert.Equal([new BlameSpan("a.\nb.", 0)], BlameCalculator.Blame(["a.\nb.\n", "a.\nb."], granularity));
        }

        [Fact]
        public void Output_is_the_normalized_final_text()
        {
            var spans = BlameCalculator.Blame(["x\r\n", "x\r\nCafe\u0301\r\n"], BlameGranularity.Line);

            Assert.Equal([new BlameSpan("x\n", 0), new BlameSpan("Café\n", 1)], spans);
        }

        [Fact]
        public void Null_history_or_revision_is_rejected()
        {
            Assert.Throws<ArgumentNullException>(() => BlameCalculator.Blame(null!, BlameGranularity.Line));
            Assert.Throws<ArgumentException>(() => BlameCalculator.Blame(["a", null!], BlameGranularity.Line));
            Assert.Throws<ArgumentOutOfRangeException>(() => BlameCalculator.Blame(["a"], (BlameGranularity)7));
        }

        [Fact]
        public void Hundreds_of_revisions_of_a_long_text_carry_untouched_paragraphs()
        {
            var paragraphs = Enumerable.Range(0, 40).Select(n => $"Paragraph {n}: " + P3 + " " + P2).ToList();
            var history = new List<string> { Text([.. paragraphs]) };
            var random = new Random(1962);
            for (var revision = 1; revision <= 300; revision++)
            {
                // Only paragraphs 20..39 are ever edited.
                var at = 20 + random.Next(20);
                paragraphs[at] = paragraphs[at].Replace("the", $"the{revision}", StringComparison.Ordinal);
                history.Add(Text([.. paragraphs]));
            }

            Assert.True(history[0].Length > 12_000);
            foreach (var granularity in new[] { BlameGranularity.Line, BlameGranularity.Sentence })
            {
                var spans = BlameCalculator.Blame(history, granularity);
                Assert.Equal(history[^1], Concat(spans));
                Assert.Equal(0, spans[0].RevisionIndex);
                Assert.StartsWith(string.Concat(paragraphs.Take(20).Select(p => p + "\n")), spans[0].Text, StringComparison.Ordinal);
            }
        }
    }

    public class Properties
    {
        private static readonly Gen<string> Sentence = Gen.OneOf(
            "R. Kennedy came to visit me. ", "He was excited. ", "N.S. Khrushchev wrote. ", "Is this weapon defensive? ",
            "Mr. Ambassador, A. A. Gromyko said so. ", "contradictory[?] statements. ", "24.X.62 A. DOBRYNIN", "Cafe\u0301 ", "", "Yes!");

        private static readonly Gen<string> Line = Sentence.Array[0, 4].Select(string.Concat);

        private static readonly Gen<string> Revision = Gen.Select(Line.Array[0, 6], Gen.Int[0, 2], Gen.Bool)
            .Select((lines, ending, finalNewline) =>
            {
                var newline = ending switch { 0 => "\n", 1 => "\r\n", _ => "\r" };
                return string.Join(newline, lines) + (finalNewline && lines.Length > 0 ? newline : string.Empty);
            });

        [Fact]
        public void Spans_concatenate_to_the_normalized_final_text_and_name_a_revision_holding_them()
        {
            Gen.Select(Revision.Array[1, 8], Gen.Bool).Sample((history, sentences) =>
            {
                var spans = BlameCalculator.Blame(history, sentences ? BlameGranularity.Sentence : BlameGranularity.Line);
                var normalized = history.Select(TextNormalizer.Normalize).ToArray();

                Assert.Equal(normalized[^1], Concat(spans));
                Assert.All(spans, span => Assert.InRange(span.RevisionIndex, 0, history.Length - 1));
                Assert.All(spans, span => Assert.NotEmpty(span.Text));
                Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.NotEqual(pair.First.RevisionIndex, pair.Second.RevisionIndex));
                if (!sentences)
                {
                    // Line blame only ever carries a line unchanged, so the credited revision holds that line.
                    foreach (var (line, revision) in PerLine(spans))
                    {
                        Assert.Contains(line, normalized[revision].Split('\n'));
                    }
                }
            }, iter: 1000);
        }
    }
}
