namespace Provenance.Import.Tests;

/// <summary>Variations real records show, one behaviour each, on small inline records.</summary>
public sealed class ReaderVariationTests
{
    private const string Header = "**October 24, 1962**  \n**A Telegram**\n\n";

    [Fact]
    public void Source_line_ending_in_bracket_right_after_a_period_is_read()
    {
        var record = RecordFiles.ParseOk(Header + "Body.\n\n[Source: AVP RF, copy courtesy of NSA; translated by X.]\n");
        Assert.Equal("AVP RF, copy courtesy of NSA; translated by X.", record.Source!.Text);
        Assert.Equal("X", record.Translator);
        Assert.Equal("Body.", record.Body);
    }

    [Fact]
    public void Source_line_without_closing_bracket_is_read_with_a_warning()
    {
        var result = WilsonCenterRecordReader.Parse(Header + "Body.\n\n[Source: AVP RF\n");
        Assert.Equal("AVP RF", result.Record!.Source!.HoldingArchiveCode);
        Assert.Contains(result.Warnings, w => w.Field == "source");
    }

    [Fact]
    public void Translator_comes_from_the_citation_when_the_source_note_has_none()
    {
        var record = RecordFiles.ParseOk(
            Header + "**Citation:**\n\n\"A Telegram\", October 24, 1962, Wilson Center Digital Archive, AVP RF; translation by Mark H. Doctoroff <https://digitalarchive.wilsoncenter.org/document/1>\n\n"
            + "**Contents:**\n\nTranslation - English\n\nBody.\n\n[Source: AVP RF.]\n");
        Assert.Null(record.Source!.Translator);
        Assert.Equal("Mark H. Doctoroff", record.Translator);
        Assert.Equal(["Mark H. Doctoroff"], record.Translators);
    }

    [Fact]
    public void Source_comes_from_the_citation_when_there_is_no_source_note()
    {
        var result = WilsonCenterRecordReader.Parse(
            Header + "**Citation:**\n\n\"A Telegram\", October 24, 1962, History and Public Policy Program Digital Archive, AVP RF, copy courtesy of NSA. http://digitalarchive.wilsoncenter.org/document/111625\n\nBody.\n");
        var record = result.Record!;
        Assert.Equal("Wilson Center Digital Archive", record.PublisherName);
        Assert.Equal("http://digitalarchive.wilsoncenter.org/document/111625", record.PublisherUrl);
        Assert.Equal("111625", record.PublisherRecordId);
        Assert.Equal(["AVP RF", "NSA"], record.Source!.Custody.Select(s => s.Holder));
        Assert.Contains(result.Warnings, w => w.Field == "source");
    }

    [Fact]
    public void Citation_title_wins_over_header_lines_and_the_difference_is_warned()
    {
        var result = WilsonCenterRecordReader.Parse(
            Header + "**Citation:**\n\n\"A Ciphered Telegram\", October 24, 1962, Wilson Center Digital Archive <https://digitalarchive.wilsoncenter.org/document/2>\n\nBody.\n");
        Assert.Equal("A Ciphered Telegram", result.Record!.Title);
        Assert.Equal("A Telegram", result.Record.HeaderTitle);
        Assert.Contains(result.Warnings, w => w.Field == "title");
    }

    [Fact]
    public void Date_falls_back_to_the_citation()
    {
        var record = RecordFiles.ParseOk(
            "**A Telegram**\n\n**Citation:**\n\n\"A Telegram\", November 1962, Wilson Center Digital Archive <https://digitalarchive.wilsoncenter.org/document/3>\n\nBody.\n");
        Assert.Equal("November 1962", record.DateText);
        Assert.Equal(DatePrecision.Month, record.DatePrecision);
    }

    [Fact]
    public void Unreadable_date_is_kept_as_written_with_a_warning()
    {
        var result = WilsonCenterRecordReader.Parse("**1960s**  \n**A Telegram**\n\nBody.\n");
        Assert.Equal("A Telegram", result.Record!.Title);
        Assert.Equal("1960s", result.Record.DateText);
        Assert.Null(result.Record.Date);
        Assert.Equal(DatePrecision.Unknown, result.Record.DatePrecision);
        Assert.Contains(result.Warnings, w => w.Field == "date");
    }

    [Fact]
    public void Unknown_original_language_is_warned_and_left_null()
    {
        var result = WilsonCenterRecordReader.Parse(Header + "**Original Language:**\n\nKlingon\n\nBody.\n");
        Assert.Equal("Klingon", result.Record!.OriginalLanguageName);
        Assert.Null(result.Record.OriginalLanguage);
        Assert.Contains(result.Warnings, w => w.Field == "originalLanguage" && w.Message.Contains("Klingon", StringComparison.Ordinal));
    }

    [Fact]
    public void Label_with_inline_value_and_multi_paragraph_summary_are_read()
    {
        var record = RecordFiles.ParseOk(
            Header + "**Summary:**\n\nFirst part.\n\nSecond part.\n\n**Original Language:** German\n\nBody.\n");
        Assert.Equal("First part.\n\nSecond part.", record.Summary);
        Assert.Equal("de", record.OriginalLanguage);
        Assert.Equal("Body.", record.Body);
    }

    [Fact]
    public void Unknown_header_section_is_kept_in_order()
    {
        var record = RecordFiles.ParseOk(
            Header + "**Associated People & Organizations:**\n\nKennedy, Robert F.\n\n**Summary:**\n\nS.\n\nBody.\n\n[Source: AVP RF]\n\n**Record ID:**\n\n111625\n");
        Assert.Equal(
            [("Associated People & Organizations", "Kennedy, Robert F."), ("Record ID", "111625")],
            record.ExtraSections.Select(s => (s.Name, s.Text)));
    }

    [Fact]
    public void Markdown_footnotes_and_link_reference_style_notes_are_kept_separately()
    {
        var record = RecordFiles.ParseOk(
            Header + "Text with a note.[^1] And [do] you agree[?]\n\n---\n\n[^1]: First note\nspanning two lines.\n[^a]: http://example.org/source\n");
        Assert.Equal("Text with a note.[^1] And [do] you agree[?]", record.Body);
        Assert.Equal(
            [new Footnote("1", 1, "First note spanning two lines."), new Footnote("a", null, "http://example.org/source")],
            record.Footnotes);
    }

    [Fact]
    public void Link_reference_definition_inside_the_body_keeps_its_place()
    {
        var record = RecordFiles.ParseOk(Header + "Before.\n\n[do]: http://example.org\n\nAfter [do] this.\n");
        Assert.Equal("Before.\n\n[do]: http://example.org\n\nAfter [do] this.", record.Body);
    }

    [Fact]
    public void Escapes_emphasis_and_hard_breaks_are_removed_but_text_kept()
    {
        var record = RecordFiles.ParseOk(Header + "An \\[escaped\\] mark, *em* and __strong__ words.  \nNext line\\\nthird.\n\n* * *\n\n> Quoted *text*\n");
        Assert.Equal("An [escaped] mark, em and strong words.\nNext line\nthird.\n\n* * *\n\n> Quoted text", record.Body);
    }

    [Fact]
    public void Bold_label_inside_the_body_stays_body_text()
    {
        var record = RecordFiles.ParseOk(Header + "First.\n\n**Attachment:**\n\nSecond.\n");
        Assert.Equal("First.\n\nAttachment:\n\nSecond.", record.Body);
    }

    [Fact]
    public void Markings_in_one_paragraph_and_in_bold_are_split_per_line()
    {
        var record = RecordFiles.ParseOk(Header + "**TOP SECRET**\nCopy No. 3\n\nSECRET\n\nBody.\n");
        Assert.Equal(["TOP SECRET", "Copy No. 3", "SECRET"], record.Markings);
        Assert.Equal("Body.", record.Body);
    }

    [Fact]
    public void Setext_title_is_accepted_like_a_heading()
    {
        var record = RecordFiles.ParseOk("A Setext Title\n==============\n\n**1962**\n\nBody.\n");
        Assert.Equal("A Setext Title", record.Title);
        Assert.Equal(("1962", DatePrecision.Year), (record.DateText, record.DatePrecision));
    }
}
