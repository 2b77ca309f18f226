using Provenance.Text.Tokens;

namespace Provenance.Text.Tests.Tokens;

public class TokenizerTests
{
    public class Words
    {
        [Fact]
        public void Splits_latin_words_whitespace_and_punctuation()
        {
            var tokens = Tokenizer.Words("R. Kennedy said, approximately:");

            Assert.Equal(["R", ".", " ", "Kennedy", " ", "said", ",", " ", "approximately", ":"], tokens.Select(t => t.Text));
            Assert.Equal(TokenKind.Word, tokens[3].Kind);
            Assert.Equal(TokenKind.Whitespace, tokens[2].Kind);
            Assert.Equal(TokenKind.Punctuation, tokens[1].Kind);
        }

        [Fact]
        public void Keeps_cyrillic_words_whole()
        {
            var tokens = Tokenizer.Words("Поздно вечером 23 октября");

            Assert.Equal(["Поздно", " ", "вечером", " ", "23", " ", "октября"], tokens.Select(t => t.Text));
            Assert.Equal(TokenKind.Number, tokens[4].Kind);
        }

        [Fact]
        public void Keeps_combining_marks_with_their_letter()
        {
            var nfd = "Cafe\u0301 Zoe\u0308";

            var tokens = Tokenizer.Words(nfd);

            Assert.Equal(["Cafe\u0301", " ", "Zoe\u0308"], tokens.Select(t => t.Text));
        }

        [Fact]
        public void Joins_inner_apostrophes_and_number_separators_only()
        {
            var tokens = Tokenizer.Words("President's 1,000 '62, 3.5.");

            Assert.Equal(["President's", " ", "1,000", " ", "'", "62", ",", " ", "3.5", "."], tokens.Select(t => t.Text));
        }

        [Fact]
        public void Never_splits_surrogate_pairs()
        {
            var tokens = Tokenizer.Words("a😀b 𝔘𝔫𝔦");

            Assert.All(tokens, t => Assert.False(char.IsHighSurrogate(t.Text[^1])));
            Assert.Contains(tokens, t => t.Text == "😀");
        }

        [Fact]
        public void Makes_each_line_feed_its_own_token()
        {
            var tokens = Tokenizer.Words("a\n\n  b");

            Assert.Equal(["a", "\n", "\n", "  ", "b"], tokens.Select(t => t.Text));
            Assert.Equal(TokenKind.Newline, tokens[1].Kind);
        }

        [Fact]
        public void Flags_tokens_inside_editorial_marks()
        {
            var tokens = Tokenizer.Words("[Kennedy adviser Theodore] Sorensen");

            Assert.All(tokens.Where(t => t.Start < 26), t => Assert.True(t.Editorial));
            Assert.False(tokens.Single(t => t.Text == "Sorensen").Editorial);
        }

        [Fact]
        public void Concatenated_tokens_give_the_text_back()
        {
            const string text = "Late in the evening of October 23, [?] R. Kennedy — «Поздно» 😀 e\u0301\r\n";

            Assert.Equal(text, string.Concat(Tokenizer.Words(text).Select(t => t.Text)));
            Assert.Equal(text, string.Concat(Tokenizer.Graphemes(text).Select(t => t.Text)));
            Assert.Equal(text, string.Concat(Tokenizer.Lines(text).Select(t => t.Text)));
        }
    }

    public class Graphemes
    {
        [Theory]
        [InlineData("😀", 1)]
        [InlineData("𝔘𝔫𝔦", 3)]
        [InlineData("e\u0301\u0323", 1)]
        [InlineData("👨‍👩‍👧", 1)]
        [InlineData("🇺🇸🇷🇺", 2)]
        [InlineData("ab", 2)]
        public void Counts_user_perceived_characters(string text, int expected)
        {
            Assert.Equal(expected, Tokenizer.Graphemes(text).Length);
        }
    }

    public class Lines
    {
        [Fact]
        public void Keeps_line_feeds_and_a_last_line_without_one()
        {
            Assert.Equal(["a\n", "\n", "b"], Tokenizer.Lines("a\n\nb").Select(t => t.Text));
            Assert.Empty(Tokenizer.Lines(""));
        }

        [Fact]
        public void Marks_a_line_made_only_of_editorial_marks()
        {
            var lines = Tokenizer.Lines("[half-line deleted--ed.]\ntext [?]\n");

            Assert.True(lines[0].Editorial);
            Assert.False(lines[1].Editorial);
        }
    }
}

public class EditorialMarksTests
{
    public class Find
    {
        [Fact]
        public void Finds_bracketed_insertions_with_positions()
        {
            const string text = "contradictory[?] and [Kennedy adviser Theodore] Sorensen [U.S.] [do]";

            var marks = EditorialMarks.Find(text);

            Assert.Equal(["[?]", "[Kennedy adviser Theodore]", "[U.S.]", "[do]"], marks.Select(m => m.Text));
            Assert.Equal(13, marks[0].Start);
            Assert.Equal(3, marks[0].Length);
            Assert.Equal("Kennedy adviser Theodore", marks[1].Content);
            Assert.All(marks, m => Assert.Equal(m.Text, text.Substring(m.Start, m.Length)));
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("[unclosed")]
        [InlineData("closed]")]
        [InlineData("[across\nlines]")]
        public void Ignores_empty_unclosed_and_multiline_brackets(string text)
        {
            Assert.Empty(EditorialMarks.Find(text));
        }

        [Fact]
        public void Takes_the_innermost_span_when_brackets_nest()
        {
            var marks = EditorialMarks.Find("[a [b] c]");

            Assert.Equal(["[b]"], marks.Select(m => m.Text));
        }
    }
}
