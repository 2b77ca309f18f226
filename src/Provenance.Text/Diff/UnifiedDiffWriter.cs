using System.Globalization;
using System.Text;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Writes a unified diff that GNU patch applies to reproduce the right text byte for byte. Line-based:
/// a moved paragraph is a deletion plus an insertion here, which is what patch needs.
/// </summary>
public static class UnifiedDiffWriter
{
    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>Diffs the (normalized) texts by line. Returns an empty string when they are equal.</summary>
    public static string Write(string left, string right, string leftLabel, string rightLabel, int context = 3) =>
        Write(
            TextDiffer.Instance.Diff(left, right, new DiffOptions { Granularity = DiffGranularity.Line, DetectMoves = false, Spans = false }),
            leftLabel,
            rightLabel,
            context);

    /// <summary>Writes an existing diff. Returns an empty string when it has no changes.</summary>
    public static string Write(DiffResult diff, string leftLabel, string rightLabel, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(leftLabel);
        ArgumentNullException.ThrowIfNull(rightLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(context);

        var lines = Lines(diff.Operations);
        var changes = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Prefix != ' ')
            {
                changes.Add(i);
            }
        }

        if (changes.Count == 0)
        {
            return string.Empty;
        }

        // Changed text plus up to 2·context lines around each change: sized once instead of grown by doubling.
        long changed = 0, total = 0;
        foreach (var op in diff.Operations)
        {
            total += op.LeftText.Length + op.RightText.Length;
            if (op.Kind != DiffOperationKind.Equal)
            {
                changed += op.LeftText.Length + op.RightText.Length + op.LeftCount + op.RightCount;
            }
        }

        var averageLine = lines.Count == 0 ? 0 : (changed / Math.Max(1, changes.Count)) + 1;
        var output = new StringBuilder((int)Math.Min(Math.Min(int.MaxValue / 2, 1024 + (2 * total)), 1024 + changed + (changes.Count * 2L * context * averageLine)));
        output.Append("--- a/").Append(leftLabel).Append('\n');
        output.Append("+++ b/").Append(rightLabel).Append('\n');
        var c = 0;
        while (c < changes.Count)
        {
            // Changes closer than 2·context lines share a hunk, as diff -u does.
            var last = c;
            while (last + 1 < changes.Count && changes[last + 1] - changes[last] <= 2 * context + 1)
            {
                last++;
            }

            var from = Math.Max(0, changes[c] - context);
            var to = Math.Min(lines.Count, changes[last] + context + 1);
            WriteHunk(output, lines, from, to);
            c = last + 1;
        }

        return output.ToString();
    }

    private readonly record struct PatchLine(char Prefix, string Text, int LeftBefore, int RightBefore);

    /// <summary>Every line with its prefix and how many left/right lines precede it.</summary>
    private static List<PatchLine> Lines(IReadOnlyList<DiffOperation> operations)
    {
        var lines = new List<PatchLine>();
        int left = 0, right = 0;
        foreach (var op in operations)
        {
            if (op.Kind == DiffOperationKind.Equal)
            {
                foreach (var t in Tokenizer.Lines(op.LeftText))
                {
                    lines.Add(new PatchLine(' ', t.Text, left++, right++));
                }

                continue;
            }

            foreach (var t in Tokenizer.Lines(op.LeftText))
            {
                lines.Add(new PatchLine('-', t.Text, left++, right));
            }

            foreach (var t in Tokenizer.Lines(op.RightText))
            {
                lines.Add(new PatchLine('+', t.Text, left, right++));
            }
        }

        return lines;
    }

    private static void WriteHunk(StringBuilder output, List<PatchLine> lines, int from, int to)
    {
        int leftCount = 0, rightCount = 0;
        for (var i = from; i < to; i++)
        {
            if (lines[i].Prefix != '+')
            {
                leftCount++;
            }

            if (lines[i].Prefix != '-')
            {
                rightCount++;
            }
        }

        // An empty range names the line before it (0 at the top of the file).
        var leftStart = leftCount == 0 ? lines[from].LeftBefore : lines[from].LeftBefore + 1;
        var rightStart = rightCount == 0 ? lines[from].RightBefore : lines[from].RightBefore + 1;
        output.Append(CultureInfo.InvariantCulture, $"@@ -{leftStart},{leftCount} +{rightStart},{rightCount} @@\n");
        for (var i = from; i < to; i++)
        {
            var text = lines[i].Text;
            output.Append(lines[i].Prefix);
            if (text.EndsWith('\n'))
            {
                output.Append(text);
            }
            else
            {
                output.Append(text).Append('\n').Append(NoNewline);
            }
        }
    }
}
