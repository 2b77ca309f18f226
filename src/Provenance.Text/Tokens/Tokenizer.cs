using System.Globalization;
using System.Text;

namespace Provenance.Text.Tokens;

/// <summary>
/// Unicode-aware tokenizers. All of them walk extended grapheme clusters, so a surrogate pair or a
/// base letter with its combining marks is never split. Concatenating the tokens gives the input back.
/// </summary>
public static class Tokenizer
{
    /// <summary>Words (Latin, Cyrillic, any script; digits), whitespace runs, line feeds, single punctuation.</summary>
    public static Token[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 3);
        var scanner = new WordScanner(text);
        while (scanner.Next(out var start, out var end, out var kind))
        {
            tokens.Add(new Token(text[start..end], start, kind, false));
        }

        return EditorialMarks.Flag([.. tokens], EditorialMarks.Find(text));
    }

    /// <summary>Word and number tokens of <paramref name="text"/>, counted without building tokens.</summary>
    internal static int CountWords(string text) => CountWords(text, 0, text.Length);

    /// <summary>Word and number tokens in a range that starts and ends at token boundaries.</summary>
    internal static int CountWords(string text, int from, int to) => WordStarts(text, from, to).Count();

    /// <summary>True when the text holds a word or number token, found without counting them all.</summary>
    internal static bool HasWords(string text) => WordStarts(text, 0, text.Length).Any();

    /// <summary>Where each word and number token of a range (as <see cref="CountWords(string, int, int)"/>) starts.</summary>
    internal static IEnumerable<int> WordStarts(string text, int from, int to)
    {
        var scanner = new WordScanner(text, from, to);
        while (scanner.Next(out var start, out _, out var kind))
        {
            if (kind is TokenKind.Word or TokenKind.Number)
            {
                yield return start;
            }
        }
    }

    /// <summary>
    /// The token boundaries of <see cref="Words"/>, without allocating. A range must start and end where tokens
    /// do (0, the length, or an <see cref="IsCut"/> position); inside it the tokens are those of the whole text.
    /// </summary>
    internal struct WordScanner(string text, int from, int to)
    {
        private readonly int _end = to;
        private int _position = from;

        public WordScanner(string text)
            : this(text, 0, text.Length)
        {
        }

        public bool Next(out int start, out int end, out TokenKind kind)
        {
            start = _position;
            if (start >= _end)
            {
                end = start;
                kind = default;
                return false;
            }

            var elementClass = Element(start, out var length);
            var stop = start + length;
            switch (elementClass)
            {
                case ElementClass.WordChar:
                case ElementClass.Digit:
                    var onlyDigits = elementClass == ElementClass.Digit;
                    while (stop < _end)
                    {
                        var nextClass = Element(stop, out var next);
                        if (nextClass is ElementClass.WordChar or ElementClass.Digit)
                        {
                            onlyDigits &= nextClass == ElementClass.Digit;
                            stop += next;
                            continue;
                        }

                        // Inner joiners keep "President's" and "1,000" whole; trailing ones stay punctuation.
                        if (next == 1 && stop + 1 < _end && IsJoiner(text[stop], onlyDigits))
                        {
                            var afterClass = Element(stop + 1, out var after);
                            var joins = onlyDigits ? afterClass == ElementClass.Digit : afterClass == ElementClass.WordChar;
                            if (joins)
                            {
                                stop += 1 + after;
                                onlyDigits &= afterClass == ElementClass.Digit;
                                continue;
                            }
                        }

                        break;
                    }

                    kind = onlyDigits ? TokenKind.Number : TokenKind.Word;
                    break;
                case ElementClass.Space:
                    while (stop < _end)
                    {
                        if (Element(stop, out var next) != ElementClass.Space)
                        {
                            break;
                        }

                        stop += next;
                    }

                    kind = TokenKind.Whitespace;
                    break;
                case ElementClass.Newline:
                    kind = TokenKind.Newline;
                    break;
                default:
                    kind = TokenKind.Punctuation;
                    break;
            }

            _position = stop;
            end = stop;
            return true;
        }

        /// <summary>The class and length of the grapheme cluster at <paramref name="index"/>.</summary>
        private readonly ElementClass Element(int index, out int length)
        {
            length = ElementLength(text, index);
            return Classify(text, index, length);
        }
    }

    /// <summary>
    /// True when every tokenizer here starts a token at <paramref name="index"/>, whatever the text around: after
    /// a space, tab or line feed and before a character that neither combines with nor joins its neighbours. Text
    /// cut there tokenizes as the whole text does, so a diff can skip a common prefix or suffix without tokenizing it.
    /// </summary>
    internal static bool IsCut(string text, int index) =>
        index > 0 && index < text.Length && text[index - 1] is ' ' or '\t' or '\n'
        && IsSimple(text[index]) && !char.IsWhiteSpace(text[index]);

    /// <summary>One token per extended grapheme cluster (user-perceived character).</summary>
    public static Token[] Graphemes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var length = ElementLength(text, i);
            var kind = Classify(text, i, length) switch
            {
                ElementClass.WordChar => TokenKind.Word,
                ElementClass.Digit => TokenKind.Number,
                ElementClass.Space => TokenKind.Whitespace,
                ElementClass.Newline => TokenKind.Newline,
                _ => TokenKind.Punctuation,
            };
            tokens.Add(new Token(text.Substring(i, length), i, kind, false));
            i += length;
        }

        return EditorialMarks.Flag([.. tokens], EditorialMarks.Find(text));
    }

    /// <summary>
    /// Lines with their line feed kept, so a missing final newline is a visible difference.
    /// A line is editorial when all it holds, apart from whitespace, is editorial marks.
    /// </summary>
    public static Token[] Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var marks = new MarkCursor(EditorialMarks.Find(text));
        for (int start = 0, end; start < text.Length; start = end)
        {
            end = LineEnd(text, start);
            tokens.Add(new Token(text[start..end], start, TokenKind.Line, marks.OnlyMarks(text, start, end)));
        }

        return [.. tokens];
    }

    /// <summary>The texts of <see cref="Lines"/>, without their tokens: what a line diff compares.</summary>
    internal static string[] LineTexts(string text)
    {
        var lines = new string[LineCount(text)];
        for (int start = 0, end, i = 0; start < text.Length; start = end)
        {
            end = LineEnd(text, start);
            lines[i++] = text[start..end];
        }

        return lines;
    }

    /// <summary>
    /// The number of lines of <see cref="Lines"/>, counted before they are split: a text of many short lines would
    /// otherwise allocate its line list several times over.
    /// </summary>
    internal static int LineCount(string text) => text.AsSpan().Count('\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);

    /// <summary>The end of the line that starts at <paramref name="start"/>, its line feed included.</summary>
    internal static int LineEnd(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        return newline < 0 ? text.Length : newline + 1;
    }

    /// <summary>Length of the grapheme cluster at <paramref name="index"/>, cut at <paramref name="end"/>.</summary>
    internal static int GraphemeLength(string text, int index, int end) => Math.Min(ElementLength(text, index), end - index);

    internal static bool IsJoiner(char c, bool inNumber) =>
        inNumber ? c is '.' or ',' : c is '\'' or '\u2019' or '\u02BC';

    private enum ElementClass
    {
        WordChar,
        Digit,
        Space,
        Newline,
        Other,
    }

    /// <summary>
    /// Length of the grapheme cluster at <paramref name="index"/>. Two neighbouring characters from blocks without
    /// combining, joining or prepended characters (Latin, Cyrillic) always break between them, which skips the
    /// costly general segmentation for most text.
    /// </summary>
    private static int ElementLength(string text, int index)
    {
        var c = text[index];
        return c != '\r' && IsSimple(c) && (index + 1 == text.Length || IsSimple(text[index + 1]))
            ? 1
            : StringInfo.GetNextTextElementLength(text.AsSpan(index));
    }

    private static bool IsSimple(char c) => c < '\u0300' || (c >= '\u0400' && c < '\u0483') || (c >= '\u048A' && c < '\u0530');

    private static ElementClass Classify(string text, int index, int length)
    {
        // Most elements are one UTF-16 character: classified without a search or a decoded rune, the same way.
        if (length == 1 && text[index] is var c && !char.IsSurrogate(c))
        {
            return c == '\n' ? ElementClass.Newline : char.IsWhiteSpace(c) ? ElementClass.Space : Category(char.GetUnicodeCategory(c));
        }

        if (text.AsSpan(index, length).Contains('\n'))
        {
            return ElementClass.Newline;
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(index, length), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return ElementClass.Other;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return ElementClass.Space;
        }

        return Category(Rune.GetUnicodeCategory(rune));
    }

    private static ElementClass Category(UnicodeCategory category) =>
        category switch
        {
            UnicodeCategory.DecimalDigitNumber => ElementClass.Digit,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => ElementClass.WordChar,
            _ => ElementClass.Other,
        };
}
