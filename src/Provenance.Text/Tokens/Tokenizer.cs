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
    internal static int CountWords(string text)
    {
        var count = 0;
        var scanner = new WordScanner(text);
        while (scanner.Next(out _, out _, out var kind))
        {
            if (kind is TokenKind.Word or TokenKind.Number)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The token boundaries of <see cref="Words"/>, without allocating.</summary>
    internal ref struct WordScanner(string text)
    {
        private int _position;

        public bool Next(out int start, out int end, out TokenKind kind)
        {
            start = _position;
            if (start >= text.Length)
            {
                end = start;
                kind = default;
                return false;
            }

            var length = ElementLength(text, start);
            var elementClass = Classify(text, start, length);
            end = start + length;
            switch (elementClass)
            {
                case ElementClass.WordChar:
                case ElementClass.Digit:
                    var onlyDigits = elementClass == ElementClass.Digit;
                    while (end < text.Length)
                    {
                        var next = ElementLength(text, end);
                        var nextClass = Classify(text, end, next);
                        if (nextClass is ElementClass.WordChar or ElementClass.Digit)
                        {
                            onlyDigits &= nextClass == ElementClass.Digit;
                            end += next;
                            continue;
                        }

                        // Inner joiners keep "President's" and "1,000" whole; trailing ones stay punctuation.
                        if (next == 1 && end + 1 < text.Length && IsJoiner(text[end], onlyDigits))
                        {
                            var after = ElementLength(text, end + 1);
                            var afterClass = Classify(text, end + 1, after);
                            var joins = onlyDigits ? afterClass == ElementClass.Digit : afterClass == ElementClass.WordChar;
                            if (joins)
                            {
                                end += 1 + after;
                                onlyDigits &= afterClass == ElementClass.Digit;
                                continue;
                            }
                        }

                        break;
                    }

                    kind = onlyDigits ? TokenKind.Number : TokenKind.Word;
                    break;
                case ElementClass.Space:
                    while (end < text.Length)
                    {
                        var next = ElementLength(text, end);
                        if (Classify(text, end, next) != ElementClass.Space)
                        {
                            break;
                        }

                        end += next;
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

            _position = end;
            return true;
        }
    }

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
        var marks = EditorialMarks.Find(text);
        var m = 0;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            var firstMark = m;
            while (m < marks.Count && marks[m].Start < end)
            {
                m++;
            }

            var editorial = m > firstMark && OnlyWhitespaceOutside(text, start, end, marks, firstMark, m);
            tokens.Add(new Token(text[start..end], start, TokenKind.Line, editorial));
            start = end;
        }

        return [.. tokens];
    }

    /// <summary>Tokens for the given granularity.</summary>
    public static Token[] For(string text, Diff.DiffGranularity granularity) => granularity switch
    {
        Diff.DiffGranularity.Line => Lines(text),
        Diff.DiffGranularity.Char => Graphemes(text),
        _ => Words(text),
    };

    private static bool OnlyWhitespaceOutside(string text, int start, int end, IReadOnlyList<EditorialMark> marks, int first, int last)
    {
        var position = start;
        for (var k = first; k <= last; k++)
        {
            var gapEnd = k < last ? marks[k].Start : end;
            for (; position < gapEnd; position++)
            {
                if (!char.IsWhiteSpace(text[position]))
                {
                    return false;
                }
            }

            if (k < last)
            {
                position = marks[k].End;
            }
        }

        return true;
    }

    private static bool IsJoiner(char c, bool inNumber) =>
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
        if (length == 1)
        {
            var c = text[index];
            if (c == '\n')
            {
                return ElementClass.Newline;
            }

            if (!char.IsSurrogate(c))
            {
                return char.IsWhiteSpace(c) ? ElementClass.Space : Category(char.GetUnicodeCategory(c));
            }
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
