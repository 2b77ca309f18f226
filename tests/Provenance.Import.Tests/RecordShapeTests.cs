namespace Provenance.Import.Tests;

/// <summary>Records of other shapes than the seed, each in Records/.</summary>
public sealed class RecordShapeTests
{
    /// <summary>Long custody chain, no summary, footnotes, Rights and Keywords, month-precision date.</summary>
    public sealed class Conversation_with_custody_chain_and_footnotes
    {
        private static readonly RecordParseResult Result = WilsonCenterRecordReader.Parse(RecordFiles.Record("1959-03-khrushchev-yudin-conversation.md"));
        private static ParsedRecord Record => Result.Record!;

        [Fact]
        public void Parses_with_only_the_missing_summary_warned()
        {
            Assert.True(Result.IsSuccess);
            Assert.Equal(["summary"], Result.Warnings.Select(w => w.Field));
            Assert.Null(Record.Summary);
        }

        [Fact]
        public void Reads_header_citation_and_month_precision_date()
        {
            Assert.Equal("Record of Conversation between N.S. Khrushchev and Ambassador P.F. Yudin", Record.Title);
            Assert.Equal("March 1959", Record.DateText);
            Assert.Equal(new DateOnly(1959, 3, 1), Record.Date);
            Assert.Equal(DatePrecision.Month, Record.DatePrecision);
            Assert.Equal("https://digitalarchive.wilsoncenter.org/document/112088", Record.PublisherUrl);
            Assert.Equal("112088", Record.PublisherRecordId);
            Assert.Equal("Wilson Center Digital Archive", Record.PublisherName);
            Assert.Equal("ru", Record.OriginalLanguage);
            Assert.Equal(("translation", "en"), (Record.ContentsKind, Record.ContentsLanguage));
            Assert.Equal(["SECRET", "Personal"], Record.Markings);
        }

        [Fact]
        public void Reads_the_four_step_custody_chain_with_places()
        {
            var source = Record.Source!;
            Assert.Equal("APRF", source.HoldingArchiveCode);
            Assert.Equal("Archive of the President of the Russian Federation", source.HoldingArchiveName);
            Assert.Equal("Moscow", source.HoldingPlace);
            Assert.Collection(
                source.Custody,
                s => Assert.Equal((1, "APRF", "held original", "Moscow", "Archive of the President of the Russian Federation"), (s.Order, s.Holder, s.Relation, s.Place, s.HolderName)),
                s => Assert.Equal((2, "NHK (Japanese TV)", "copy obtained by", (string?)null), (s.Order, s.Holder, s.Relation, s.Place)),
                s => Assert.Equal((3, "CWIHP", "provided to", (string?)null), (s.Order, s.Holder, s.Relation, s.Place)),
                s => Assert.Equal((4, "National Security Archive", "on file at", "Washington, DC"), (s.Order, s.Holder, s.Relation, s.Place)));
            Assert.Equal("Vladislav M. Zubok", source.Translator);
            Assert.Equal("Vladislav M. Zubok", Record.Translator);
        }

        [Fact]
        public void Keeps_deletion_marks_and_footnote_references_but_moves_footnotes_out()
        {
            Assert.Contains("on [half-line deleted--ed.] and discussed with him the situation in the Taiwan Strait.[1]", Record.Body, StringComparison.Ordinal);
            Assert.Collection(
                Record.Footnotes,
                f => Assert.Equal(new Footnote("1", 1, "The exact date of the conversation is not given in the original; the record is filed with materials of March 1959."), f),
                f => Assert.Equal(new Footnote("2", 2, "On the 1958 crisis see the Chinese record of the same period."), f));
            Assert.EndsWith("Recorded by P. Yudin", Record.Body);
        }

        [Fact]
        public void Joins_a_wrapped_paragraph_and_keeps_a_bold_speaker_label_as_text()
        {
            Assert.Contains(
                "\n\nYudin reported that the Chinese comrades had been informed of the Soviet position and had raised no objections.[2]\n\n",
                Record.Body,
                StringComparison.Ordinal);
            Assert.Contains("\n\nKhrushchev: We cannot allow ourselves", Record.Body, StringComparison.Ordinal);
        }

        [Fact]
        public void Keeps_rights_and_keywords_as_extra_sections_in_order()
        {
            Assert.Collection(
                Record.ExtraSections,
                s => Assert.Equal(("Rights", "The History and Public Policy Program welcomes reuse of Digital Archive materials for research and educational purposes. Some documents may be subject to copyright."), (s.Name, s.Text)),
                s => Assert.Equal(("Keywords", "Cold War; Taiwan Strait Crisis, 1958; China--Foreign relations--Soviet Union"), (s.Name, s.Text)));
        }
    }

    /// <summary>No citation block, year-only date, Chinese original, archive code with a document number.</summary>
    public sealed class Report_without_citation
    {
        private static readonly RecordParseResult Result = WilsonCenterRecordReader.Parse(RecordFiles.Record("1953-chinese-embassy-report.md"));
        private static ParsedRecord Record => Result.Record!;

        [Fact]
        public void Parses_and_warns_about_the_missing_citation()
        {
            Assert.True(Result.IsSuccess);
            Assert.Equal(["citation"], Result.Warnings.Select(w => w.Field));
            Assert.Null(Record.CitationText);
            Assert.Null(Record.PublisherUrl);
            Assert.Null(Record.PublisherRecordId);
        }

        [Fact]
        public void Reads_title_and_year_precision_date()
        {
            Assert.Equal("Report by the Chinese Embassy in Moscow on Soviet Agricultural Policy", Record.Title);
            Assert.Equal("1953", Record.DateText);
            Assert.Equal(new DateOnly(1953, 1, 1), Record.Date);
            Assert.Equal(DatePrecision.Year, Record.DatePrecision);
        }

        [Fact]
        public void Reads_chinese_original_and_english_translation_from_two_contents_lines()
        {
            Assert.Equal(("Chinese", "zh"), (Record.OriginalLanguageName, Record.OriginalLanguage));
            Assert.Equal("Original Scan\n\nTranslation - English", Record.ContentsText);
            Assert.Equal(("translation", "en"), (Record.ContentsKind, Record.ContentsLanguage));
            Assert.Equal(["CONFIDENTIAL"], Record.Markings);
        }

        [Fact]
        public void Reads_archive_code_reference_and_translator_from_the_source_note()
        {
            var source = Record.Source!;
            Assert.Equal("PRC FMA 109-00398-01, 1-5. Obtained and translated for CWIHP by David Wolff.", source.Text);
            Assert.Equal("PRC FMA", source.HoldingArchiveCode);
            Assert.Equal("Archives of the Ministry of Foreign Affairs of the People's Republic of China", source.HoldingArchiveName);
            Assert.Equal("109-00398-01, 1-5", source.ArchivalReference);
            Assert.Equal("PRC FMA", Assert.Single(source.Custody).Holder);
            Assert.Equal("David Wolff", Record.Translator);
            Assert.Equal(["David Wolff"], Record.Translators);
        }

        [Fact]
        public void Keeps_numbered_list_lines_as_written_and_drops_emphasis()
        {
            Assert.Equal(
                "The September plenum adopted the following measures:\n\n"
                + "1. Procurement prices for meat, milk and vegetables are raised.\n"
                + "2. Taxes on the private plots of collective farmers are lowered.\n\n"
                + "The Soviet comrades regard these measures as urgent and necessary.\n\n"
                + "(Embassy of the People's Republic of China in the USSR)",
                Record.Body);
        }
    }

    /// <summary>A Russian original: heading title, approximate date, Cyrillic body stored decomposed.</summary>
    public sealed class Russian_original
    {
        private static readonly RecordParseResult Result = WilsonCenterRecordReader.Parse(RecordFiles.Record("1961-khrushchev-thompson-original.md"));
        private static ParsedRecord Record => Result.Record!;

        [Fact]
        public void Parses_without_warnings()
        {
            Assert.True(Result.IsSuccess);
            Assert.Empty(Result.Warnings);
        }

        [Fact]
        public void Reads_heading_title_and_approximate_year()
        {
            Assert.Equal("Запись беседы Н.С. Хрущева с послом США Л. Томпсоном", Record.Title);
            Assert.Equal("c. 1961", Record.DateText);
            Assert.Equal(new DateOnly(1961, 1, 1), Record.Date);
            Assert.Equal(DatePrecision.Year, Record.DatePrecision);
            Assert.True(Record.DateIsApproximate);
            Assert.Equal("zapis-besedy-khrushcheva-s-tompsonom", Record.PublisherRecordId);
        }

        [Fact]
        public void Reads_original_contents_kind_and_cyrillic_markings()
        {
            Assert.Equal(("original", "ru"), (Record.ContentsKind, Record.ContentsLanguage));
            Assert.Equal(["СЕКРЕТНО", "Экз. № 2"], Record.Markings);
            Assert.Null(Record.Translator);
        }

        [Fact]
        public void Body_is_cyrillic_nfc_with_dialogue_dash_kept()
        {
            Assert.StartsWith("ЗАПИСЬ БЕСЕДЫ\n\nН.С. Хрущев принял посла США Л. Томпсона в посольской резиденции.", Record.Body);
            Assert.Contains("«германского вопроса»", Record.Body, StringComparison.Ordinal);
            Assert.Contains("[неразборчиво]", Record.Body, StringComparison.Ordinal);
            Assert.EndsWith("- Президент, - сказал Томпсон, - надеется на мирное решение.", Record.Body);
            Assert.True(Record.Body.IsNormalized(System.Text.NormalizationForm.FormC));
        }

        [Fact]
        public void Reads_full_archive_name_with_code_place_reference_and_contributor()
        {
            var source = Record.Source!;
            Assert.Equal("RGANI", source.HoldingArchiveCode);
            Assert.Equal("Russian State Archive of Contemporary History", source.HoldingArchiveName);
            Assert.Equal("Moscow", source.HoldingPlace);
            Assert.Equal("fond 52, opis 1, delo 598, listy 1-4", source.ArchivalReference);
            Assert.Collection(
                source.Custody,
                s => Assert.Equal((1, "RGANI", "held original"), (s.Order, s.Holder, s.Relation)),
                s => Assert.Equal((2, "Sergey Radchenko", "contributed by"), (s.Order, s.Holder, s.Relation)));
        }
    }
}
