using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Provenance.Text.Tokens;

/// <summary>
/// Counts the words of ASCII text without '\r', 64 characters at a time: a word starts at a letter or digit whose
/// previous character is neither, found with vector compares and bit masks instead of a loop per character (a diff
/// counts the words of every unchanged stretch and paragraph end, most of a 1 MB text). The one exception, a joiner
/// (<c>'</c> in a word, <c>.</c> or <c>,</c> in a number) that continues the word before it, is rare and settled
/// by the tokenizer's rule, stepping through the word it is in.
/// </summary>
internal static class AsciiWords
{
    private const int Block = 64;

    /// <summary>The words of <c>text[from..to)</c>, which is clean (see <see cref="IsClean"/>) and starts and ends at token boundaries.</summary>
    public static int Count(string text, int from, int to)
    {
        var count = 0;
        var state = new JoinerWalk(from);
        ulong words = 0, joiners = 0;
        for (var block = from; block < to; block += Block)
        {
            var (previousWords, previousJoiners) = (words, joiners);
            (words, joiners) = Masks(text.AsSpan(block, Math.Min(Block, to - block)));

            // Bit k stands for text[block + k]; the previous block's top bits carry over into bits 0 and 1.
            var starts = words & ~((words << 1) | (previousWords >> 63));
            var afterJoiner = starts & ((joiners << 1) | (previousJoiners >> 63)) & ((words << 2) | (previousWords >> 62));
            count += BitOperations.PopCount(starts);
            for (; afterJoiner != 0; afterJoiner &= afterJoiner - 1)
            {
                if (state.Continues(text, from, block + BitOperations.TrailingZeroCount(afterJoiner)))
                {
                    count--;
                }
            }
        }

        return count;
    }

    /// <summary>ASCII without '\r' (a carriage return joins the line feed after it in one grapheme).</summary>
    public static bool IsClean(char c) => c < 128 && c != '\r';

    private static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') < 26;

    private static bool IsDigit(char c) => (uint)(c - '0') < 10;

    /// <summary>A joiner in a word or in a number (<see cref="Tokenizer.IsJoiner"/>); in ASCII, <c>'</c>, <c>.</c> and <c>,</c>.</summary>
    private static bool IsJoinerChar(char c) => Tokenizer.IsJoiner(c, inNumber: false) || Tokenizer.IsJoiner(c, inNumber: true);

    /// <summary>Bit masks of the letters and digits, and of the joiner characters, of up to 64 characters.</summary>
    private static (ulong Words, ulong Joiners) Masks(ReadOnlySpan<char> chars)
    {
        ulong words = 0, joiners = 0;
        var k = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Clean text is ASCII, so narrowing 16 characters to 16 bytes loses nothing and halves the work.
            var units = MemoryMarshal.Cast<char, ushort>(chars);
            for (; k + Vector128<byte>.Count <= units.Length; k += Vector128<byte>.Count)
            {
                var v = Vector128.Narrow(Vector128.Create(units.Slice(k, 8)), Vector128.Create(units.Slice(k + 8, 8)));

                // (c | 0x20) - 'a' < 26 only for letters of either case; compares are unsigned, so smaller ones wrap.
                var letter = Vector128.LessThan((v | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)26));
                var digit = Vector128.LessThan(v - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
                var joiner = Vector128.Equals(v, Vector128.Create((byte)'\''))
                    | Vector128.Equals(v, Vector128.Create((byte)'.'))
                    | Vector128.Equals(v, Vector128.Create((byte)','));
                words |= (ulong)(letter | digit).ExtractMostSignificantBits() << k;
                joiners |= (ulong)joiner.ExtractMostSignificantBits() << k;
            }
        }

        for (; k < chars.Length; k++)
        {
            var c = chars[k];
            words |= (IsLetter(c) || IsDigit(c) ? 1UL : 0) << k;
            joiners |= (IsJoinerChar(c) ? 1UL : 0) << k;
        }

        return (words, joiners);
    }

    /// <summary>
    /// The tokenizer's word rule stepped through words that hold joiners, always forward: each character is
    /// walked at most once, however many joiners a long run such as "1.1.1.1" holds.
    /// </summary>
    private struct JoinerWalk(int from)
    {
        private int _position = from;
        private bool _inWord;
        private bool _onlyDigits;

        /// <summary>True when the letter or digit at <paramref name="index"/>, after a joiner, continues the word before it.</summary>
        public bool Continues(string text, int from, int index)
        {
            // Back over letters, digits and joiners to where a token surely starts, unless the walk so far got there.
            var start = index - 1;
            while (start > _position && start > from && (IsLetter(text[start - 1]) || IsDigit(text[start - 1]) || IsJoinerChar(text[start - 1])))
            {
                start--;
            }

            if (start > _position)
            {
                (_position, _inWord, _onlyDigits) = (start, false, false);
            }

            for (; _position < index; _position++)
            {
                var c = text[_position];
                if (IsLetter(c) || IsDigit(c))
                {
                    _onlyDigits = (_onlyDigits || !_inWord) && IsDigit(c);
                    _inWord = true;
                    continue;
                }

                // A joiner keeps the word going when the next character continues it, as the scanner decides.
                var next = text[_position + 1];
                _inWord = _inWord && Tokenizer.IsJoiner(c, _onlyDigits) && (_onlyDigits ? IsDigit(next) : IsLetter(next));
            }

            return _inWord;
        }
    }
}
