using System.Text;

namespace Provenance.Import.Tests;

/// <summary>Input that is not a record gets errors naming what is missing, never an exception.</summary>
public sealed class GarbageInputTests
{
    private static RecordParseResult ParseFailing(string text)
    {
        var result = WilsonCenterRecordReader.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Record);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        return result;
    }

    public sealed class Missing_parts
    {
        [Theory]
        [InlineData("")]
        [InlineData("   \n\t\r\n  ")]
        [InlineData("\uFEFF")]
        public void Empty_input_names_title_and_body(string text)
        {
            var result = ParseFailing(text);
            Assert.Equal(["title", "body"], result.Errors.Select(e => e.Field));
        }

        [Fact]
        public void Null_input_is_an_error_not_an_exception()
        {
            var result = WilsonCenterRecordReader.Parse(null!);
            Assert.Equal("record", Assert.Single(result.Errors).Field);
        }

        [Fact]
        public void Markdown_without_a_title_names_title()
        {
            var result = ParseFailing("Just a paragraph of text.\n\nAnd another one, with *emphasis*.\n");
            Assert.Equal("title", Assert.Single(result.Errors).Field);
        }

        [Fact]
        public void Metadata_without_a_title_names_title()
        {
            var result = ParseFailing("**Summary:**\n\nA summary.\n\n**Contents:**\n\nTranslation - English\n\nBody text.\n");
            Assert.Equal("title", Assert.Single(result.Errors).Field);
        }

        [Fact]
        public void Title_without_body_names_body()
        {
            var result = ParseFailing("**October 24, 1962**  \n**Telegram from Dobrynin**\n\n**Summary:**\n\nA summary.\n\n**Contents:**\n\nTranslation - English\n\nTOP SECRET\n\n[Source: AVP RF.]\n");
            Assert.Equal("body", Assert.Single(result.Errors).Field);
        }

        [Fact]
        public void Heading_only_names_body()
        {
            var result = ParseFailing("# A Title\n");
            Assert.Equal("body", Assert.Single(result.Errors).Field);
        }
    }

    public sealed class Junk
    {
        [Fact]
        public void Random_bytes_decoded_as_text_give_errors()
        {
            var random = new Random(1962);
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            ParseFailing(Encoding.Latin1.GetString(bytes));
            ParseFailing(Encoding.UTF8.GetString(bytes));
        }

        [Fact]
        public void Nul_bytes_and_lone_surrogates_are_replaced_not_fatal()
        {
            var result = WilsonCenterRecordReader.Parse("# Title\0\ud800\n\nBody \udc00 text\0.\n");
            Assert.True(result.IsSuccess);
            Assert.Equal("Title\uFFFD\uFFFD", result.Record!.Title);
            Assert.Equal("Body \uFFFD text\uFFFD.", result.Record.Body);
        }

        [Theory]
        [InlineData('>')]
        [InlineData('[')]
        [InlineData('*')]
        [InlineData('(')]
        [InlineData('`')]
        [InlineData('<')]
        public void Ten_thousand_nested_characters_give_errors(char c)
        {
            ParseFailing(new string(c, 10_000) + " text");
        }

        [Fact]
        public void Deeply_nested_lists_and_quotes_are_refused_with_a_record_error()
        {
            var result = ParseFailing("# Title\n\n" + string.Concat(Enumerable.Repeat("> - ", 5_000)) + "text\n");
            Assert.Equal("record", Assert.Single(result.Errors).Field);
        }

        [Fact]
        public void Deep_emphasis_nesting_in_a_real_record_is_reported_not_thrown()
        {
            var text = "# Title\n\n" + string.Concat(Enumerable.Repeat("*a _b ", 100_000)) + "\n";
            var result = ParseFailing(text);
            Assert.Equal("record", Assert.Single(result.Errors).Field);
            Assert.Contains("nested", result.Errors[0].Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_one_megabyte_single_line_body_is_read()
        {
            var line = string.Concat(Enumerable.Repeat("word ", 200_000)).TrimEnd();
            var result = WilsonCenterRecordReader.Parse("# Title\n\n" + line);
            Assert.True(result.IsSuccess);
            Assert.Equal(line, result.Record!.Body);
        }

        [Fact]
        public void Input_over_the_size_limit_is_refused()
        {
            var result = ParseFailing(new string('a', WilsonCenterRecordReader.MaxRecordLength + 1));
            Assert.Equal("record", Assert.Single(result.Errors).Field);
        }
    }

    public sealed class Fuzz
    {
        private const string Alphabet = "**##>[]()!<>`_-+=:;.,\"'\\/| \t\r\n\n\n0123456789abcXYZ\0\ud800\udc00éЖ中Source: Citation Copy No. TOP SECRET";

        private static readonly string[] Fragments =
        [
            "**October 24, 1962**  \n", "**Title line**\n", "\n\n**Citation:**\n\n", "\"Quoted\", 1962, Wilson Center Digital Archive, ",
            "<https://digitalarchive.wilsoncenter.org/document/1>", "**Summary:**", "**Original Language:**\n\nRussian\n\n",
            "**Contents:**\n\nTranslation - English\n\n", "TOP SECRET\n\n", "Copy No. 1\n\n", "#### HEADING\n\n", "- Tell me, - he said\n\n",
            "[Source: AVP RF, copy courtesy of NSA; translation by X.]", "[Source:", "[1] note\n\n", "[^1]: note\n", "[x]: http://y\n",
            "> quote\n", "    code\n", "```\nfence\n", "<div>\n", "| a | b |\n|---|---|\n", "\0", "\ud800", "\udfff", "\r\n", "***\n",
            "Setext\n===\n", "[", "]", "(", ")", "*", "_", "`", "\\", "&amp;", "&#0;",
        ];

        [Fact]
        public void Random_character_soup_never_throws()
        {
            var random = new Random(24101962);
            for (var iteration = 0; iteration < 3000; iteration++)
            {
                var length = random.Next(0, 400);
                var text = new StringBuilder(length);
                for (var i = 0; i < length; i++)
                {
                    text.Append(random.Next(8) == 0 ? (char)random.Next(0, 0x10000) : Alphabet[random.Next(Alphabet.Length)]);
                }

                AssertConsistent(WilsonCenterRecordReader.Parse(text.ToString()));
            }
        }

        [Fact]
        public void Random_record_fragments_never_throw()
        {
            var random = new Random(1962);
            for (var iteration = 0; iteration < 3000; iteration++)
            {
                var text = new StringBuilder();
                var count = random.Next(0, 30);
                for (var i = 0; i < count; i++)
                {
                    text.Append(Fragments[random.Next(Fragments.Length)]);
                }

                AssertConsistent(WilsonCenterRecordReader.Parse(text.ToString()));
            }
        }

        [Fact]
        public void Random_nesting_depths_never_throw()
        {
            var random = new Random(7);
            string[] openers = [">", "> ", "- ", "* ", "1. ", "[", "(", "*", "**", "_", "`", "<", "  "];
            for (var iteration = 0; iteration < 300; iteration++)
            {
                var opener = openers[random.Next(openers.Length)];
                var depth = random.Next(1, 3000);
                var text = "**1962**  \n**T**\n\n" + string.Concat(Enumerable.Repeat(opener, depth)) + "body";
                AssertConsistent(WilsonCenterRecordReader.Parse(text));
            }
        }

        private static void AssertConsistent(RecordParseResult result)
        {
            // The reader's last-resort catch reports a bug, not a property of the input.
            Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("the record could not be read (", StringComparison.Ordinal));
            Assert.Equal(result.Record is not null && result.Errors.Count == 0, result.IsSuccess);
            if (result.Record is { } record)
            {
                Assert.NotEmpty(record.Title);
                Assert.NotEmpty(record.Body);
                Assert.False(record.Body.EndsWith('\n'));
            }
            else
            {
                Assert.NotEmpty(result.Errors);
            }
        }
    }
}
