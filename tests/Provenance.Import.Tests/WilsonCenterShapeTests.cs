namespace Provenance.Import.Tests;

/// <summary>
/// The shapes Wilson Center records come in besides the seed's (issue 16), one fixture each in Records/,
/// checked field by field.
/// </summary>
public sealed class WilsonCenterShapeTests
{
    private static (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Read(string file)
    {
        var result = WilsonCenterRecordReader.Parse(RecordFiles.Record(file));
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return (result.Record!, result.Warnings);
    }

    /// <summary>Header lines one after another, values on the label's line or the next.</summary>
    public sealed class Compact_header
    {
        private static readonly (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Result = Read("1962-10-27-dobrynin-compact-header.md");
        private static ParsedRecord Record => Result.Record;

        [Fact]
        public void Reads_without_warnings()
        {
            Assert.Empty(Result.Warnings);
        }

        [Fact]
        public void Reads_date_title_and_citation_from_lines_without_blank_lines_between()
        {
            Assert.Equal("Telegram from Soviet Ambassador to the USA Dobrynin to the USSR Foreign Ministry", Record.Title);
            Assert.Null(Record.HeaderTitle);
            Assert.Equal(("October 27, 1962", new DateOnly(1962, 10, 27), DatePrecision.Day), (Record.DateText, Record.Date, Record.DatePrecision));
            Assert.Equal(
                "\"Telegram from Soviet Ambassador to the USA Dobrynin to the USSR Foreign Ministry\", October 27, 1962, Wilson Center Digital Archive, AVP RF, copy courtesy of NSA; translation by Mark H. Doctoroff https://digitalarchive.wilsoncenter.org/document/110465",
                Record.CitationText);
            Assert.Equal(("Wilson Center Digital Archive", "https://digitalarchive.wilsoncenter.org/document/110465", "110465"),
                (Record.PublisherName, Record.PublisherUrl, Record.PublisherRecordId));
        }

        [Fact]
        public void Reads_values_on_the_label_line_and_on_the_line_after()
        {
            Assert.Equal("Dobrynin reports on a meeting with Robert Kennedy in which the removal of missiles from Turkey is discussed.", Record.Summary);
            Assert.Equal(("Russian", "ru"), (Record.OriginalLanguageName, Record.OriginalLanguage));
            Assert.Equal(("Translation - English", "translation", "en"), (Record.ContentsText, Record.ContentsKind, Record.ContentsLanguage));
        }

        [Fact]
        public void Reads_markings_body_and_source()
        {
            Assert.Equal(["TOP SECRET", "Making Copies Prohibited", "Copy No. 1"], Record.Markings);
            Assert.Equal(
                "Late tonight R. Kennedy invited me to come see him. We talked alone.\n\n"
                + "The Cuban crisis, R. Kennedy began, continues to quickly worsen. We have just received a report that an unarmed American plane was shot down while carrying out a reconnaissance flight over Cuba.\n\n"
                + "27.X.62 A. DOBRYNIN",
                Record.Body);
            Assert.Equal([("AVP RF", "held original"), ("NSA", "copy courtesy of")], Record.Source!.Custody.Select(s => (s.Holder, s.Relation)));
            Assert.Equal("Mark H. Doctoroff", Record.Translator);
            Assert.Empty(Record.Footnotes);
            Assert.Empty(Record.ExtraSections);
        }
    }

    /// <summary>An empty Citation section, a Rights section, and a title carrying a footnote marker "(1)".</summary>
    public sealed class Empty_citation_rights_and_title_marker
    {
        private static readonly (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Result = Read("1962-10-30-gromyko-title-marker-rights.md");
        private static ParsedRecord Record => Result.Record;

        [Fact]
        public void Warns_about_the_empty_citation_and_the_marker_taken_off_the_title()
        {
            Assert.Equal(["citation", "title"], Result.Warnings.Select(w => w.Field).Order(StringComparer.Ordinal));
            Assert.Contains("empty", Result.Warnings.Single(w => w.Field == "citation").Message, StringComparison.Ordinal);
            Assert.Contains("(1)", Result.Warnings.Single(w => w.Field == "title").Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Title_loses_its_marker_and_the_note_is_a_footnote()
        {
            Assert.Equal("Cable from USSR Foreign Minister Gromyko to Soviet Ambassador to the USA Dobrynin", Record.Title);
            Assert.Equal("Cable from USSR Foreign Minister Gromyko to Soviet Ambassador to the USA Dobrynin (1)", Record.HeaderTitle);
            Assert.Equal(
                [new Footnote("1", 1, "Sent in reply to Dobrynin's telegram of October 29; the draft is kept with the outgoing cables of the day.")],
                Record.Footnotes);
        }

        [Fact]
        public void Empty_citation_leaves_every_citation_field_empty()
        {
            Assert.Null(Record.CitationText);
            Assert.Null(Record.PublisherName);
            Assert.Null(Record.PublisherUrl);
            Assert.Null(Record.PublisherRecordId);
            Assert.Equal("Gromyko instructs Dobrynin on the form of the letter to be handed to R. Kennedy.", Record.Summary);
        }

        [Fact]
        public void Rights_is_kept_and_the_body_ends_at_the_signature()
        {
            Assert.Equal(
                [new RecordSection("Rights", "The History and Public Policy Program welcomes reuse of Digital Archive materials for research and educational purposes.")],
                Record.ExtraSections);
            Assert.Equal(["TOP SECRET"], Record.Markings);
            Assert.Equal("Immediately go see R. Kennedy and tell him that you have conveyed the contents of your conversation to N.S. Khrushchev.\n\nA. GROMYKO", Record.Body);
        }

        [Fact]
        public void Source_gives_archive_reference_and_translator()
        {
            var source = Record.Source!;
            Assert.Equal(("AVP RF", "Archive of Foreign Policy of the Russian Federation"), (source.HoldingArchiveCode, source.HoldingArchiveName));
            Assert.Equal("f. 059, op. 38, p. 1, d. 2", source.ArchivalReference);
            Assert.Equal("Vladimir Zaemsky", Record.Translator);
            Assert.Equal(("October 30, 1962", DatePrecision.Day), (Record.DateText, Record.DatePrecision));
        }
    }

    /// <summary>The PDF export: curly-quoted citation ending in a bare URL, the whole text on one line, no source note.</summary>
    public sealed class Pdf_export
    {
        private static readonly (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Result = Read("1962-10-24-dobrynin-pdf-export.md");
        private static ParsedRecord Record => Result.Record;

        [Fact]
        public void Warns_that_the_source_came_from_the_citation_and_that_the_repeated_title_left_the_text()
        {
            Assert.Equal(["body", "source"], Result.Warnings.Select(w => w.Field).Order(StringComparer.Ordinal));
        }

        [Fact]
        public void Reads_the_curly_quoted_citation_with_its_bare_url()
        {
            Assert.Equal("Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA", Record.Title);
            Assert.Null(Record.HeaderTitle);
            Assert.StartsWith("“Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA,” October 24, 1962, History and Public Policy Program Digital Archive", Record.CitationText);
            Assert.Equal("Wilson Center Digital Archive", Record.PublisherName);
            Assert.Equal(("https://digitalarchive.wilsoncenter.org/document/111625", "111625"), (Record.PublisherUrl, Record.PublisherRecordId));
            Assert.Equal(("October 24, 1962", new DateOnly(1962, 10, 24)), (Record.DateText, Record.Date));
        }

        [Fact]
        public void Reads_contents_written_language_first()
        {
            Assert.Equal(("English Translation", "translation", "en"), (Record.ContentsText, Record.ContentsKind, Record.ContentsLanguage));
            Assert.Equal(("Russian", "ru"), (Record.OriginalLanguageName, Record.OriginalLanguage));
        }

        [Fact]
        public void Takes_markings_and_the_repeated_title_off_the_one_line_text()
        {
            Assert.Equal(["TOP SECRET", "Making Copies Prohibited", "Copy No. 1"], Record.Markings);
            Assert.StartsWith("CIPHERED TELEGRAM Late in the evening of October 23, R. Kennedy came to visit me.", Record.Body);
            Assert.EndsWith("Overall, his visit left a somewhat strange impression. 24.X.62 A. DOBRYNIN", Record.Body);
            Assert.DoesNotContain('\n', Record.Body);
        }

        [Fact]
        public void Archive_custody_and_translator_come_from_the_citation()
        {
            var source = Record.Source!;
            Assert.Equal("AVP RF, copy courtesy of NSA; translation by Mark H. Doctoroff", source.Text);
            Assert.Equal(("AVP RF", "Archive of Foreign Policy of the Russian Federation"), (source.HoldingArchiveCode, source.HoldingArchiveName));
            Assert.Equal([("AVP RF", "held original"), ("NSA", "copy courtesy of")], source.Custody.Select(s => (s.Holder, s.Relation)));
            Assert.Equal("Mark H. Doctoroff", Record.Translator);
            Assert.Equal(["Mark H. Doctoroff"], Record.Translators);
        }
    }

    /// <summary>Numbered footnotes after the signature, their markers in the text as a PDF leaves them.</summary>
    public sealed class Numbered_footnotes_after_the_signature
    {
        private static readonly (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Result = Read("1945-07-20-soviet-embassy-footnotes.md");
        private static ParsedRecord Record => Result.Record;

        [Fact]
        public void Footnotes_leave_the_body_and_become_the_documents_footnotes()
        {
            Assert.Equal(
                [
                    new Footnote("1", 1, "The Russian text is unclear here; the name may also be read as \"Borman\". The person has not been identified."),
                    new Footnote("2", 2, "William J. Donovan, head of the U.S. Office of Strategic Services."),
                ],
                Record.Footnotes);
            Assert.EndsWith("I answered that I had no instructions on the matter and would report the conversation.\n\nCounsellor of the Embassy K. NOVIKOV", Record.Body);
            Assert.DoesNotContain("Borman", Record.Body, StringComparison.Ordinal);
        }

        [Fact]
        public void Markers_in_the_text_are_written_as_bracketed_references_with_a_warning()
        {
            Assert.StartsWith("On 18 July at a reception at the Dorchester an American officer introduced to me by Barman[1] approached me and asked", Record.Body);
            Assert.Contains("on behalf of General Donovan[2] and that the offer", Record.Body, StringComparison.Ordinal);
            var warning = Assert.Single(Result.Warnings);
            Assert.Equal("footnotes", warning.Field);
        }

        [Fact]
        public void Reads_the_rest_of_the_record()
        {
            Assert.Equal("Report from the Soviet Embassy in London on a Conversation with an American Intelligence Officer", Record.Title);
            Assert.Equal(("July 20, 1945", new DateOnly(1945, 7, 20)), (Record.DateText, Record.Date));
            Assert.Equal(["SECRET"], Record.Markings);
            Assert.Equal("134051", Record.PublisherRecordId);
            Assert.Equal(("AVP RF", "f. 06, op. 7, p. 17, d. 173"), (Record.Source!.HoldingArchiveCode, Record.Source.ArchivalReference));
            Assert.Equal("Svetlana Savranskaya", Record.Translator);
        }
    }

    /// <summary>A Source line whose custody chain has several steps, some with a place.</summary>
    public sealed class Custody_chain_with_places
    {
        private static readonly (ParsedRecord Record, IReadOnlyList<RecordProblem> Warnings) Result = Read("1959-10-02-custody-chain-places.md");
        private static ParsedRecord Record => Result.Record;

        [Fact]
        public void Reads_every_step_in_order_with_its_place()
        {
            Assert.Empty(Result.Warnings);
            var source = Record.Source!;
            Assert.Collection(
                source.Custody,
                s => Assert.Equal((1, "AVP RF", "held original", "Moscow", "Archive of Foreign Policy of the Russian Federation"), (s.Order, s.Holder, s.Relation, s.Place, s.HolderName)),
                s => Assert.Equal((2, "NHK (Japanese Television)", "copy obtained by", (string?)null), (s.Order, s.Holder, s.Relation, s.Place)),
                s => Assert.Equal((3, "CWIHP", "provided to", (string?)null), (s.Order, s.Holder, s.Relation, s.Place)),
                s => Assert.Equal((4, "National Security Archive", "on file at", "Washington, D.C."), (s.Order, s.Holder, s.Relation, s.Place)));
            Assert.Equal(("AVP RF", "Moscow"), (source.HoldingArchiveCode, source.HoldingPlace));
            Assert.Null(source.ArchivalReference);
            Assert.Equal("Vladislav M. Zubok", Record.Translator);
        }

        [Fact]
        public void Reads_the_rest_of_the_record()
        {
            Assert.Equal("Discussion between N.S. Khrushchev and Mao Zedong", Record.Title);
            Assert.Equal(("October 02, 1959", new DateOnly(1959, 10, 2)), (Record.DateText, Record.Date));
            Assert.Equal(["TOP SECRET", "Copy No. 1"], Record.Markings);
            Assert.Equal("Khrushchev: We have received a letter from the Americans about the five American prisoners.\n\nMao Zedong: We will release them, but not now.", Record.Body);
            Assert.Equal("112088", Record.PublisherRecordId);
        }
    }
}
