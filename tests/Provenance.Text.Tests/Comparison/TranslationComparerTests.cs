using Provenance.Text.Comparison;
using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Comparison;

public class TranslationComparerTests
{
    private static List<string> Seed(int count) => ComparisonCorpus.SeedParagraphs().Take(count).ToList();

    /// <summary>The seed's opening as a monitoring service renders it: a few words its own, the date off by one, a name spelled otherwise.</summary>
    private static string Monitored(int count) => ComparisonCorpus.Teletype(Seed(count).Select(p => p
        .Replace("obviously excited condition", "visibly agitated state", StringComparison.Ordinal)
        .Replace("October 23", "October 22", StringComparison.Ordinal)
        .Replace("Khrushchev", "Khrushchov", StringComparison.Ordinal)
        .Replace("heavy damage", "grave damage", StringComparison.Ordinal)));

    [Fact]
    public void A_teletype_transcript_aligns_sentence_by_sentence_with_the_State_Department_text()
    {
        var state = string.Join("\n\n", Seed(3));
        var result = TranslationComparer.Compare(state, Monitored(3));

        var header = result.Pairs[0];
        Assert.Equal(PairKind.RightOnly, header.Kind);
        Assert.Equal(OneSidedKind.Header, header.OneSided);
        Assert.StartsWith("ZCZC FBIS 0231", header.RightText, StringComparison.Ordinal);
        Assert.Equal(OneSidedKind.Header, result.Pairs[^1].OneSided);
        Assert.StartsWith("END ALL", result.Pairs[^1].RightText, StringComparison.Ordinal);

        var matched = result.Pairs.Where(p => p.OneSided is null).ToList();
        Assert.Equal(result.LeftSegmentCount, matched.Sum(p => p.LeftSegments.Count));
        Assert.All(matched, p => Assert.Equal(PairKind.OneToOne, p.Kind));
        foreach (var pair in matched)
        {
            // A reader would call these the same sentences; the word-bag yardstick after case folding agrees.
            var yardstick = ComparisonCorpus.WordBag(pair.LeftText, pair.RightText);
            Assert.InRange(pair.Similarity, yardstick - 0.1, yardstick + 0.05);
            Assert.InRange(pair.Similarity, 0.75, 1);
        }

        Assert.Equal(9, matched.Count(p => p.Similarity == 1));
        // Capitals say nothing about names: only real differences are reported.
        Assert.Equal([new DifferingAnchor("Khrushchev", ComparedSide.Left)], matched.SelectMany(p => p.DifferingNames));
        Assert.Equal([new DifferingAnchor("23", ComparedSide.Left), new DifferingAnchor("22", ComparedSide.Right)], matched.SelectMany(p => p.DifferingNumbers));
        Assert.Contains(result.Normalization.Right, s => s.Step == "reflow");
        Assert.False(result.Bounded);
    }

    [Fact]
    public void Words_that_differ_are_marked_on_the_raw_text_and_the_spans_rebuild_it()
    {
        var result = TranslationComparer.Compare(string.Join("\n\n", Seed(1)), Monitored(1));
        var pair = result.Pairs.Single(p => p.LeftText.Contains("excited", StringComparison.Ordinal));

        Assert.Equal(pair.LeftText, string.Concat(pair.LeftSpans.Select(s => s.Text)));
        Assert.Equal(pair.RightText, string.Concat(pair.RightSpans.Select(s => s.Text)));
        Assert.Equal("HE WAS IN AN VISIBLY AGITATED STATE AND HIS SPEECH WAS RICH IN REPETITIONS AND DIGRESSIONS.", pair.RightText);
        Assert.Equal("obviously excited condition", string.Join(" ", pair.LeftSpans.Where(s => s.Kind == DiffSpanKind.Deleted).Select(s => s.Text.Trim())));
        Assert.Equal("VISIBLY AGITATED STATE", string.Join(" ", pair.RightSpans.Where(s => s.Kind == DiffSpanKind.Inserted).Select(s => s.Text.Trim())));
    }

    [Fact]
    public void Different_paragraphing_does_not_matter()
    {
        var seed = Seed(4);
        var sentences = System.Text.RegularExpressions.Regex.Split(string.Join(" ", seed), "(?<=[a-z]{2}[.?]) (?=[A-Z])");
        // The same words, one paragraph every two sentences, hard-wrapped at 72.
        var regrouped = string.Join("\n\n", sentences.Chunk(2).Select(c => string.Join(" ", c)));
        var wrapped = Wrap(regrouped, 72);

        var result = TranslationComparer.Compare(string.Join("\n\n", seed), wrapped);
        Assert.DoesNotContain(result.Pairs, p => p.OneSided is not null);
        Assert.All(result.Pairs, p => Assert.Equal(1.0, p.Similarity));
        Assert.True(result.RightParagraphCount > result.LeftParagraphCount);
        Assert.Equal(result.LeftSegmentCount, result.RightSegmentCount);
    }

    [Fact]
    public void A_passage_one_translator_left_out_and_a_translators_note_are_reported_as_such()
    {
        var seed = Seed(5);
        var left = string.Join("\n\n", seed);
        var right = string.Join("\n\n", seed.Where((_, i) => i != 2)) + "\n\n[Translator's note: the last page of the copy is hard to read.]";

        var result = TranslationComparer.Compare(left, right);
        var omitted = Assert.Single(result.Pairs, p => p.Kind == PairKind.LeftOnly);
        Assert.Equal(OneSidedKind.Passage, omitted.OneSided);
        Assert.Equal(seed[2], omitted.LeftText);
        var note = Assert.Single(result.Pairs, p => p.Kind == PairKind.RightOnly);
        Assert.Equal(OneSidedKind.Note, note.OneSided);
        Assert.StartsWith("[Translator's note", note.RightText, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_scholars_renderings_of_one_Geniza_petition_align_with_the_similarity_a_reader_would_give()
    {
        var khan = ComparisonCorpus.Geniza("PGPID8257_s135_khan_translation.r01.txt");
        var rustow = ComparisonCorpus.Geniza("PGPID8257_s29_rustow_translation.r02.txt");
        var result = TranslationComparer.Compare(khan, rustow);

        var invocation = result.Pairs.Single(p => p.LeftText.StartsWith("In the name of God", StringComparison.Ordinal));
        Assert.Equal("In the name of God, the merciful, the compassionate.", invocation.RightText);
        var praise = result.Pairs.Single(p => p.LeftText.StartsWith("Praise be to God", StringComparison.Ordinal));
        Assert.StartsWith("Praise be to God alone, and [his] prayers", praise.RightText, StringComparison.Ordinal);
        foreach (var pair in result.Pairs.Where(p => p.OneSided is null))
        {
            Assert.InRange(pair.Similarity, ComparisonCorpus.WordBag(pair.LeftText, pair.RightText) - 0.1, ComparisonCorpus.WordBag(pair.LeftText, pair.RightText) + 0.05);
            Assert.InRange(pair.Similarity, 0.6, 1);
            Assert.Empty(pair.DifferingNames);
        }

        // Khan's closing formula has no counterpart in Rustow's rendering.
        var closing = Assert.Single(result.Pairs, p => p.OneSided is not null);
        Assert.Equal("My sufficiency is God. [What an excellent keeper is he!]", closing.LeftText);
        Assert.Contains(result.Normalization.Left, s => s.Step == "transliteration-marks");
    }

    [Fact]
    public void A_revision_that_filled_in_the_date_shows_the_placeholder_and_the_new_opening_on_their_sides()
    {
        var first = ComparisonCorpus.Geniza("PGPID5643_s8_goitein-friedman_translation.r01.txt");
        var third = ComparisonCorpus.Geniza("PGPID5643_s8_goitein-friedman_translation.r03.txt");
        var result = TranslationComparer.Compare(first, third);

        var placeholder = Assert.Single(result.Pairs, p => p.Kind == PairKind.LeftOnly);
        Assert.Equal("[Date and place.]", placeholder.LeftText);
        Assert.Equal(OneSidedKind.Note, placeholder.OneSided);
        var opening = Assert.Single(result.Pairs, p => p.Kind == PairKind.RightOnly);
        Assert.StartsWith("On Thursday, the fifth day of Kislev", opening.RightText, StringComparison.Ordinal);
        Assert.Contains(result.Pairs, p => p.Kind == PairKind.OneToOne && p.Similarity < 1 && p.RightText.Contains("(appeared before the court)", StringComparison.Ordinal));
        Assert.True(result.Pairs.Count(p => p.Similarity == 1) >= 20);
    }

    [Fact]
    public void Long_texts_are_aligned_within_the_bound_and_say_so()
    {
        var paragraph = string.Join("\n\n", ComparisonCorpus.SeedParagraphs());
        var sentences = TranslationComparer.Compare(paragraph, paragraph).LeftSegmentCount;
        var copies = (int)Math.Ceiling(Math.Sqrt(SentenceAligner.MaxCells) / sentences) + 1;
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, copies));

        var result = TranslationComparer.Compare(text, text.ToUpperInvariant());
        Assert.True(result.Bounded);
        Assert.All(result.Pairs, p => Assert.Equal(1.0, p.Similarity));
    }

    private static string Wrap(string text, int width) => string.Join("\n\n", text.Split("\n\n").Select(paragraph =>
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in paragraph.Split(' '))
        {
            if (line.Length + word.Length + 1 > width && line.Length > 0)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return string.Join("\n", lines);
    }));
}
