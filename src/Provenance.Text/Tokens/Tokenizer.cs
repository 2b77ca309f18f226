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
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(i));
            var kind = Classify(text, i, length);
            var end = i + length;
            switch (kind)
            {
                case ElementClass.WordChar:
                case ElementClass.Digit:
                    var onlyDigits = kind == ElementClass.Digit;
                    while (end < text.Length)
                    {
                        var next = StringInfo.GetNextTextElementLength(text.AsSpan(end));
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
                            var after = StringInfo.GetNextTextElementLength(text.AsSpan(end + 1));
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

                    tokens.Add(new Token(text[i..end], i, onlyDigits ? TokenKind.Number : TokenKind.Word, false));
                    break;
                case ElementClass.Space:
                    while (end < text.Length)
                    {
                        var next = StringInfo.GetNextTextElementLength(text.AsSpan(end));
                        if (Classify(text, end, next) != ElementClass.Space)
                        {
                            break;
                        }

                        end += next;
                    }

                    tokens.Add(new Token(text[i..end], i, TokenKind.Whitespace, false));
                    break;
                case ElementClass.Newline:
                    tokens.Add(new Token(text[i..end], i, TokenKind.Newline, false));
                    break;
                default:
                    tokens.Add(new Token(text[i..end], i, TokenKind.Punctuation, false));
                    break;
            }

            i = end;
        }

        return EditorialMarks.Flag([.. tokens], EditorialMarks.Find(text));
    }

    /// <summary>One token per extended grapheme cluster (user-perceived character).</summary>
    public static Token[] Graphemes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(i));
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

    private static ElementClass Classify(string text, int index, int length)
    {
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

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.DecimalDigitNumber => ElementClass.Digit,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => ElementClass.WordChar,
            _ => ElementClass.Other,
        };
    }
}
