namespace Provenance.Import.Tests;

public sealed class ParserUnitTests
{
    public sealed class SourceNotes
    {
        [Fact]
        public void Code_then_copy_courtesy_gives_two_steps()
        {
            var note = SourceNoteParser.Parse("AVP RF, copy courtesy of NSA");
            Assert.Equal(
                [("AVP RF", "held original"), ("NSA", "copy courtesy of")],
                note.Custody.Select(s => (s.Holder, s.Relation)));
            Assert.Null(note.Translator);
        }

        [Fact]
        public void Full_archive_name_without_code_is_recognized()
        {
            var note = SourceNoteParser.Parse("State Archive of the Russian Federation, Moscow, f. 5446, op. 120, d. 1; translated by Gary Goldberg.");
            Assert.Equal("GARF", note.HoldingArchiveCode);
            Assert.Equal("State Archive of the Russian Federation", note.HoldingArchiveName);
            Assert.Equal("Moscow", note.HoldingPlace);
            Assert.Equal("f. 5446, op. 120, d. 1", note.ArchivalReference);
            Assert.Equal("State Archive of the Russian Federation", note.Custody[0].Holder);
            Assert.Equal("Gary Goldberg", note.Translator);
        }

        [Fact]
        public void Unknown_archive_keeps_its_text_as_code_and_name()
        {
            var note = SourceNoteParser.Parse("Central State Archive of Public Organizations of Ukraine, copy provided by Vladimir Pechatnov");
            Assert.Equal("Central State Archive of Public Organizations of Ukraine", note.HoldingArchiveCode);
            Assert.Equal(note.HoldingArchiveCode, note.HoldingArchiveName);
            Assert.Equal(("Vladimir Pechatnov", "copy provided by"), (note.Custody[1].Holder, note.Custody[1].Relation));
        }

        [Fact]
        public void Unknown_archive_code_is_cut_to_64_characters()
        {
            var name = "Archive " + new string('x', 100);
            Assert.Equal(64, SourceNoteParser.Parse(name).HoldingArchiveCode!.Length);
        }

        [Fact]
        public void Name_with_code_in_parentheses_uses_the_code_as_holder()
        {
            var note = SourceNoteParser.Parse("Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv (SAPMO-BArch), Berlin, DY 30/3682");
            Assert.Equal("SAPMO-BArch", note.HoldingArchiveCode);
            Assert.Equal("Foundation Archives of Parties and Mass Organizations of the GDR in the Federal Archives", note.HoldingArchiveName);
            Assert.Equal("Berlin", note.HoldingPlace);
            Assert.Equal("DY 30/3682", note.ArchivalReference);
        }

        [Theory]
        [InlineData("AVP RF; Translated by Svetlana Savranskaya and Anna Melyakova.", "Svetlana Savranskaya and Anna Melyakova", new[] { "Svetlana Savranskaya", "Anna Melyakova" })]
        [InlineData("APRF; translated for CWIHP by Vladislav Zubok", "Vladislav Zubok", new[] { "Vladislav Zubok" })]
        [InlineData("RGANI, translation by Gary Goldberg for the Wilson Center", "Gary Goldberg", new[] { "Gary Goldberg" })]
        [InlineData("AAN, KC PZPR, 2639. Translated by L.W. Gluchowski", "L.W. Gluchowski", new[] { "L.W. Gluchowski" })]
        public void Translator_phrases_give_the_names_as_written(string text, string translator, string[] translators)
        {
            var note = SourceNoteParser.Parse(text);
            Assert.Equal(translator, note.Translator);
            Assert.Equal(translators, note.Translators);
        }

        [Fact]
        public void Translator_clause_does_not_become_a_custody_step()
        {
            var note = SourceNoteParser.Parse("AAN, KC PZPR, 2639. Translated by L.W. Gluchowski");
            Assert.Equal("AAN", Assert.Single(note.Custody).Holder);
            Assert.Equal("Archive of Modern Records, Warsaw", note.HoldingArchiveName);
        }

        [Fact]
        public void Note_starting_with_a_relation_has_no_holding_archive()
        {
            var note = SourceNoteParser.Parse("Copy courtesy of the National Security Archive");
            Assert.Null(note.HoldingArchiveCode);
            Assert.Equal(("National Security Archive", "copy courtesy of"), (note.Custody[0].Holder, note.Custody[0].Relation));
        }

        [Fact]
        public void Garbage_note_gives_no_exception()
        {
            foreach (var text in new[] { "", ";;;", ",,,", "(((", ")", ". . .", "by", "translated by", "copy courtesy of" })
            {
                var note = SourceNoteParser.Parse(text);
                Assert.NotNull(note.Custody);
            }
        }
    }

    public sealed class Dates
    {
        [Theory]
        [InlineData("October 24, 1962", 1962, 10, 24, DatePrecision.Day, false)]
        [InlineData("24 October 1962", 1962, 10, 24, DatePrecision.Day, false)]
        [InlineData("Oct. 24, 1962", 1962, 10, 24, DatePrecision.Day, false)]
        [InlineData("September 3rd, 1953", 1953, 9, 3, DatePrecision.Day, false)]
        [InlineData("October 24-25, 1962", 1962, 10, 24, DatePrecision.Day, false)]
        [InlineData("1962-10-24", 1962, 10, 24, DatePrecision.Day, false)]
        [InlineData("October 1962", 1962, 10, 1, DatePrecision.Month, false)]
        [InlineData("March 1959", 1959, 3, 1, DatePrecision.Month, false)]
        [InlineData("February 30, 1960", 1960, 2, 1, DatePrecision.Month, false)]
        [InlineData("1962", 1962, 1, 1, DatePrecision.Year, false)]
        [InlineData("c. 1962", 1962, 1, 1, DatePrecision.Year, true)]
        [InlineData("ca. 1962", 1962, 1, 1, DatePrecision.Year, true)]
        [InlineData("circa 1962", 1962, 1, 1, DatePrecision.Year, true)]
        [InlineData("[October 1962]", 1962, 10, 1, DatePrecision.Month, false)]
        [InlineData("Early 1963", 1963, 1, 1, DatePrecision.Year, true)]
        public void Reads_date_and_precision(string text, int year, int month, int day, DatePrecision precision, bool approximate)
        {
            var date = RecordDate.Parse(text);
            Assert.Equal(new DateOnly(year, month, day), date.Date);
            Assert.Equal(precision, date.Precision);
            Assert.Equal(approximate, date.IsApproximate);
            Assert.Equal(text, date.Text);
        }

        [Theory]
        [InlineData("")]
        [InlineData("undated")]
        [InlineData("1960s")]
        [InlineData("Telegram from Dobrynin")]
        [InlineData("24.X.62")]
        [InlineData("Report 1962")]
        public void Unreadable_dates_are_unknown(string text)
        {
            var date = RecordDate.Parse(text);
            Assert.Null(date.Date);
            Assert.Equal(DatePrecision.Unknown, date.Precision);
        }
    }

    public sealed class Markings
    {
        [Theory]
        [InlineData("TOP SECRET")]
        [InlineData("Top Secret")]
        [InlineData("SECRET.")]
        [InlineData("Strictly Secret")]
        [InlineData("Making Copies Prohibited")]
        [InlineData("Copy No. 1")]
        [InlineData("Copy No 12")]
        [InlineData("Copy #3")]
        [InlineData("Personal")]
        [InlineData("Urgent")]
        [InlineData("TOP SECRET - SPECIAL FILE")]
        [InlineData("Экз. № 2")]
        [InlineData("СОВЕРШЕННО СЕКРЕТНО")]
        public void Recognizes_marking_lines(string line) => Assert.True(MarkingRules.IsMarking(line));

        [Theory]
        [InlineData("CIPHERED TELEGRAM")]
        [InlineData("Secret talks were held")]
        [InlineData("Copy of the letter")]
        [InlineData("")]
        public void Rejects_text_lines(string line) => Assert.False(MarkingRules.IsMarking(line));
    }

    public sealed class Lookups
    {
        [Theory]
        [InlineData("Russian", "ru")]
        [InlineData("Chinese", "zh")]
        [InlineData("chinese (simplified)", "zh")]
        [InlineData("Serbo-Croatian", "sh")]
        [InlineData("Hebrew", "he")]
        [InlineData("Khmer", "km")]
        [InlineData("ru", "ru")]
        public void Maps_language_names_to_bcp47(string name, string tag) => Assert.Equal(tag, LanguageTags.FromName(name));

        [Theory]
        [InlineData("Klingon")]
        [InlineData("")]
        public void Unknown_languages_map_to_null(string name) => Assert.Null(LanguageTags.FromName(name));

        [Theory]
        [InlineData("AVP RF", "Archive of Foreign Policy of the Russian Federation")]
        [InlineData("the National Security Archive", "National Security Archive")]
        [InlineData("tsamo", "Central Archives of the Russian Ministry of Defense")]
        [InlineData("U.S. National Archives and Records Administration", "U.S. National Archives and Records Administration")]
        public void Finds_known_archives_by_code_or_name(string text, string name) => Assert.Equal(name, KnownArchives.Find(text)?.Name);
    }
}
