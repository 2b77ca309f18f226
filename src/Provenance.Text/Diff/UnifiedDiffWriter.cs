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
        var changes = Enumerable.Range(0, lines.Count).Where(i => lines[i].Prefix != ' ').ToList();

        if (changes.Count == 0)
        {
            return string.Empty;
        }

        var output = new StringBuilder();
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
            var equal = op.Kind == DiffOperationKind.Equal;
            foreach (var text in Tokenizer.LineTexts(op.LeftText))
            {
                lines.Add(new PatchLine(equal ? ' ' : '-', text, left++, equal ? right++ : right));
            }

            foreach (var text in equal ? [] : Tokenizer.LineTexts(op.RightText))
            {
                lines.Add(new PatchLine('+', text, left, right++));
            }
        }

        return lines;
    }

    private static void WriteHunk(StringBuilder output, List<PatchLine> lines, int from, int to)
    {
        var hunk = lines[from..to];
        int leftCount = hunk.Count(l => l.Prefix != '+'), rightCount = hunk.Count(l => l.Prefix != '-');

        // An empty range names the line before it (0 at the top of the file).
        var leftStart = leftCount == 0 ? lines[from].LeftBefore : lines[from].LeftBefore + 1;
        var rightStart = rightCount == 0 ? lines[from].RightBefore : lines[from].RightBefore + 1;
        output.Append(CultureInfo.InvariantCulture, $"@@ -{leftStart},{leftCount} +{rightStart},{rightCount} @@\n");
        foreach (var line in hunk)
        {
            output.Append(line.Prefix).Append(line.Text);
            if (!line.Text.EndsWith('\n'))
            {
                output.Append('\n').Append(NoNewline);
            }
        }
    }
}
