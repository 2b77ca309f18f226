namespace Provenance.Import.Tests;

/// <summary>The seed record (Dobrynin's telegram of October 24, 1962), field by field.</summary>
public sealed class SeedRecordTests
{
    private static readonly RecordParseResult Result =
        WilsonCenterRecordReader.Parse(RecordFiles.Seed("1962-10-24-dobrynin-telegram-r-kennedy-meeting.md"));

    private static ParsedRecord Record => Result.Record!;

    [Fact]
    public void Parses_without_errors_or_warnings()
    {
        Assert.True(Result.IsSuccess);
        Assert.Empty(Result.Errors);
        Assert.Empty(Result.Warnings);
    }

    [Fact]
    public void Reads_title_from_the_citation_matching_the_joined_bold_lines()
    {
        Assert.Equal("Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA", Record.Title);
        Assert.Null(Record.HeaderTitle);
    }

    [Fact]
    public void Reads_date_as_written_with_day_precision()
    {
        Assert.Equal("October 24, 1962", Record.DateText);
        Assert.Equal(new DateOnly(1962, 10, 24), Record.Date);
        Assert.Equal(DatePrecision.Day, Record.DatePrecision);
        Assert.False(Record.DateIsApproximate);
    }

    [Fact]
    public void Reads_citation_text_without_url_brackets_and_the_publisher_record()
    {
        Assert.Equal(
            "\"Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA\", October 24, 1962, Wilson Center Digital Archive, "
            + "AVP RF, copy courtesy of NSA; translation by Mark H. Doctoroff https://digitalarchive.umd.edu/document/111625",
            Record.CitationText);
        Assert.Equal("Wilson Center Digital Archive", Record.PublisherName);
        Assert.Equal("https://digitalarchive.umd.edu/document/111625", Record.PublisherUrl);
        Assert.Equal("111625", Record.PublisherRecordId);
    }

    [Fact]
    public void Reads_summary()
    {
        Assert.Equal(
            "Dobrynin relays the results of a meeting with R. Kennedy during which R. Kennedy is outraged at the \"deception\" "
            + "of the Soviet Union by putting long-range missiles in Cuba.",
            Record.Summary);
    }

    [Fact]
    public void Reads_original_language_as_bcp47()
    {
        Assert.Equal("Russian", Record.OriginalLanguageName);
        Assert.Equal("ru", Record.OriginalLanguage);
        Assert.Equal(["ru"], Record.OriginalLanguages);
    }

    [Fact]
    public void Reads_contents_kind_and_language()
    {
        Assert.Equal("Translation - English", Record.ContentsText);
        Assert.Equal("translation", Record.ContentsKind);
        Assert.Equal("en", Record.ContentsLanguage);
    }

    [Fact]
    public void Reads_the_three_markings_in_order()
    {
        Assert.Equal(["TOP SECRET", "Making Copies Prohibited", "Copy No. 1"], Record.Markings);
    }

    [Fact]
    public void Body_runs_from_the_heading_to_the_signature()
    {
        Assert.StartsWith("CIPHERED TELEGRAM\n\nLate in the evening of October 23, R. Kennedy came to visit me.", Record.Body);
        Assert.EndsWith("going on now.\n\n24.X.62 A. DOBRYNIN", Record.Body);
        Assert.DoesNotContain("[Source:", Record.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP SECRET", Record.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Making Copies Prohibited", Record.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy No. 1", Record.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("####", Record.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Kennedy adviser Theodore] Sorensen")]
    [InlineData("contradictory[?] To that same point")]
    [InlineData("\n\n- Tell me, - R. Kennedy said to me further - [do] you, as the Soviet ambassador")]
    [InlineData("\n\n- There, you see - R. Kennedy quickly put forth,")]
    [InlineData("/and in the future, too/")]
    [InlineData("with [U.S.] Ambassador [to Moscow Foy] Kohler.")]
    [InlineData("the Soviet side--N.S. Khrushchev")]
    public void Body_keeps_editorial_marks_and_dialogue_dashes_verbatim(string expected)
    {
        Assert.Contains(expected, Record.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_keeps_the_page_break_split_as_written()
    {
        Assert.Contains("mutual trust in each\n\nother's personal assurances.", Record.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_is_normalized_with_paragraphs_separated_by_blank_lines()
    {
        Assert.Equal(Provenance.Text.TextNormalizer.Normalize(Record.Body), Record.Body);
        Assert.DoesNotContain("\n\n\n", Record.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", Record.Body, StringComparison.Ordinal);
        Assert.False(Record.Body.EndsWith('\n'));
        Assert.Equal(23, Record.Body.Split("\n\n").Length);
        Assert.Empty(Record.Footnotes);
        Assert.Empty(Record.ExtraSections);
    }

    [Fact]
    public void Reads_source_note_archive_custody_and_translator()
    {
        var source = Record.Source!;
        Assert.Equal("AVP RF, copy courtesy of NSA; translation by Mark H. Doctoroff.", source.Text);
        Assert.Equal("AVP RF", source.HoldingArchiveCode);
        Assert.Equal("Archive of Foreign Policy of the Russian Federation", source.HoldingArchiveName);
        Assert.Null(source.HoldingPlace);
        Assert.Collection(
            source.Custody,
            s => Assert.Equal(new CustodyStep(1, "AVP RF", "held original", null) { HolderName = "Archive of Foreign Policy of the Russian Federation" }, s),
            s => Assert.Equal(new CustodyStep(2, "NSA", "copy courtesy of", null) { HolderName = "National Security Archive" }, s));
        Assert.Equal("Mark H. Doctoroff", source.Translator);
        Assert.Equal(["Mark H. Doctoroff"], source.Translators);
        Assert.Equal("Mark H. Doctoroff", Record.Translator);
    }

    [Fact]
    public void Crlf_and_decomposed_copies_of_the_seed_read_the_same()
    {
        var seed = RecordFiles.Seed("1962-10-24-dobrynin-telegram-r-kennedy-meeting.md");
        var crlf = WilsonCenterRecordReader.Parse(seed.Replace("\n", "\r\n", StringComparison.Ordinal)).Record!;
        Assert.Equal(Record.Body, crlf.Body);
        Assert.Equal(Record.Title, crlf.Title);
        Assert.Equal(Record.Markings, crlf.Markings);
    }
}
