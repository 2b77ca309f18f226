using Provenance.Text.Comparison;

namespace Provenance.Text.Tests.Comparison;

public class ComparisonTextTests
{
    [Fact]
    public void A_teletype_transcript_is_folded_reflowed_and_rejoined_and_says_so()
    {
        var raw = ComparisonCorpus.Teletype(ComparisonCorpus.SeedParagraphs().Take(3));
        var text = ComparisonText.Prepare(raw);

        Assert.True(text.AllCapitals);
        var steps = text.Steps.ToDictionary(s => s.Step);
        Assert.True(steps["case-folding"].Count > 1000);
        Assert.Contains("capitals throughout", steps["case-folding"].Detail, StringComparison.Ordinal);
        Assert.Contains("65", steps["reflow"].Detail.Replace("64", "65", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(steps["reflow"].Count > 20);
        Assert.Equal(2, steps["hyphenation"].Count);
        // The header (its capitals lines run on as wrapped text), three indented paragraphs, the trailer.
        var paragraphs = text.Text.Split('\n');
        Assert.Equal(5, paragraphs.Length);
        Assert.Equal("zczc fbis 0231 fbis-sov-62-207 moscow tass international service in english 1442 gmt 24 oct 62 (text)", paragraphs[0]);
        Assert.Contains("during confidential meetings - have stressed", text.Text, StringComparison.Ordinal);
        Assert.Contains("the government of the usa understood this", text.Text, StringComparison.Ordinal);
        Assert.Equal(raw, text.Raw);
    }

    [Fact]
    public void Every_normalized_character_points_at_the_raw_character_it_stands_for()
    {
        const string raw = "The “Lebdiyya” fam-\nily of Fusṭāṭ—ﬁne\u00ADly said: hon[o]rs\uFFFD.";
        var text = ComparisonText.Prepare(raw);

        Assert.Equal("the \"lebdiyya\" family of fustat-finely said: honors.", text.Text);
        Assert.Equal(text.Text.Length, text.SourceIndex.Length);
        Assert.Equal(raw.IndexOf('F', StringComparison.Ordinal), text.SourceIndex[text.Text.IndexOf("fustat", StringComparison.Ordinal)]);
        Assert.Equal(raw.IndexOf('ﬁ', StringComparison.Ordinal), text.SourceIndex[text.Text.IndexOf("finely", StringComparison.Ordinal) + 1]);
        Assert.True(text.SourceIndex.Zip(text.SourceIndex.Skip(1)).All(p => p.First <= p.Second));
        Assert.Equal(["typography", "ocr-noise", "transliteration-marks", "editorial-brackets", "hyphenation", "case-folding"], text.Steps.Select(s => s.Step));
    }

    [Fact]
    public void Line_by_line_layout_is_joined_where_the_sentence_goes_on_and_kept_where_it_ends()
    {
        var text = ComparisonText.Prepare("Recto\n\nHe sent with me scraps of coral\n\nin order to sell them.\nVerso\nHe replied.");
        Assert.Equal("recto\nhe sent with me scraps of coral in order to sell them.\nverso\nhe replied.", text.Text);
        Assert.Equal(1, text.Steps.Single(s => s.Step == "reflow").Count);
    }

    [Fact]
    public void A_text_that_is_not_wrapped_keeps_its_paragraphs_but_mends_the_page_break_inside_a_sentence()
    {
        // The seed breaks "mutual trust in each / other's personal assurances" over a blank line (a page break).
        var seed = string.Join("\n\n", ComparisonCorpus.SeedParagraphs());
        var text = ComparisonText.Prepare(seed);
        Assert.Equal(ComparisonCorpus.SeedParagraphs().Count - 1, text.Text.Split('\n').Length);
        Assert.Contains("mutual trust in each other's personal assurances", text.Text, StringComparison.Ordinal);
        Assert.Equal(1, text.Steps.Single(s => s.Step == "reflow").Count);
        Assert.DoesNotContain(text.Steps, s => s.Step == "hyphenation");
        Assert.False(text.AllCapitals);
    }
}
