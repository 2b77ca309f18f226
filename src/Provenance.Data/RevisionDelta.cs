using System.Text;
using Provenance.Text.Diff;

namespace Provenance.Data;

/// <summary>
/// A revision's text as a list of splices on its parent's UTF-8 bytes (ADR 0005); the port of
/// <c>bench/storage/make_history.py</c>'s encoder and decoder, same binary format.
/// </summary>
/// <remarks>
/// Binary format: zero or more splices, each three unsigned LEB128 varints and a byte string,
/// <c>skip delete length bytes[length]</c>: copy <c>skip</c> bytes of the parent from the current
/// position, skip <c>delete</c> bytes of the parent, write the <c>length</c> inserted bytes; after
/// the last splice the rest of the parent is copied. An empty delta is the parent unchanged.
/// Splices are found by the engine's bounded line diff (lines end after '\n') whose changed regions are trimmed to the
/// bytes that differ, so a one-word edit costs a few bytes plus the word.
/// </remarks>
public static class RevisionDelta
{
    public static byte[] Encode(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> child)
    {
        var parentLines = LineStarts(parent);
        var childLines = LineStarts(child);
        var output = new List<byte>();
        var position = 0;
        foreach (var (i1, i2, j1, j2) in ChangedLineRegions(parent, parentLines, child, childLines))
        {
            var a = parent[parentLines[i1]..parentLines[i2]];
            var b = child[childLines[j1]..childLines[j2]];
            var shorter = Math.Min(a.Length, b.Length);
            var head = a[..shorter].CommonPrefixLength(b[..shorter]);
            var tail = 0;
            while (tail < shorter - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
            {
                tail++;
            }

            var start = parentLines[i1] + head;
            var deleted = a.Length - head - tail;
            var inserted = b[head..(b.Length - tail)];
            WriteVarint(output, start - position);
            WriteVarint(output, deleted);
            WriteVarint(output, inserted.Length);
            output.AddRange(inserted);
            position = start + deleted;
        }

        return [.. output];
    }

    /// <summary>Applies <paramref name="delta"/> to <paramref name="parent"/>; a malformed delta throws <see cref="FormatException"/>.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> delta)
    {
        var output = new List<byte>(parent.Length + delta.Length);
        int position = 0, i = 0;
        while (i < delta.Length)
        {
            var skip = ReadVarint(delta, ref i);
            var deleted = ReadVarint(delta, ref i);
            var length = ReadVarint(delta, ref i);
            if ((long)position + skip + deleted > parent.Length || (long)i + length > delta.Length)
            {
                throw new FormatException("The delta splices past the end of its parent or of itself.");
            }

            output.AddRange(parent.Slice(position, skip));
            position += skip + deleted;
            output.AddRange(delta.Slice(i, length));
            i += length;
        }

        output.AddRange(parent[position..]);
        return [.. output];
    }

    /// <summary>Start offsets of each line plus the end offset: line k is <c>[starts[k], starts[k+1])</c>.</summary>
    private static int[] LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<int> { 0 };
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == (byte)'\n' && k + 1 < text.Length)
            {
                starts.Add(k + 1);
            }
        }

        if (text.Length > 0)
        {
            starts.Add(text.Length);
        }

        return [.. starts];
    }

    /// <summary>
    /// Changed regions (parent lines [i1, i2) became child lines [j1, j2)), in order, from the engine's bounded line
    /// diff. Lines are compared as Latin-1 strings, one char per byte, so equal strings are equal bytes.
    /// </summary>
    private static IEnumerable<(int I1, int I2, int J1, int J2)> ChangedLineRegions(
        ReadOnlySpan<byte> parent, int[] parentLines, ReadOnlySpan<byte> child, int[] childLines)
    {
        var blocks = SequenceDiff.Diff(Lines(parent, parentLines), Lines(child, childLines), new CostBudget(DiffOptions.Default.MaxTokenPairs), "delta");
        return blocks.Select(block => (block.LeftStart, block.LeftEnd, block.RightStart, block.RightEnd));
    }

    private static string[] Lines(ReadOnlySpan<byte> text, int[] starts)
    {
        var lines = new string[starts.Length - 1];
        for (var k = 0; k < lines.Length; k++)
        {
            lines[k] = Encoding.Latin1.GetString(text[starts[k]..starts[k + 1]]);
        }

        return lines;
    }

    private static void WriteVarint(List<byte> output, int value)
    {
        var v = (uint)value;
        while (v > 0x7F)
        {
            output.Add((byte)(v | 0x80));
            v >>= 7;
        }

        output.Add((byte)v);
    }

    private static int ReadVarint(ReadOnlySpan<byte> delta, ref int i)
    {
        long value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (i >= delta.Length)
            {
                throw new FormatException("The delta ends inside a number.");
            }

            var b = delta[i++];
            value |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= int.MaxValue ? (int)value : throw new FormatException("A number in the delta is too large.");
            }
        }

        throw new FormatException("A number in the delta is too long.");
    }
}
