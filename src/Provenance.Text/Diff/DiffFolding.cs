using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Leaves the text of long unchanged stretches out of a diff, keeping <c>context</c> lines next to each change,
/// as a reader's view folds them anyway. A folded stretch keeps its line numbers and counts, so a client can
/// still number lines or fetch the text; concatenating texts no longer gives the inputs back.
/// </summary>
public static class DiffFolding
{
    /// <summary>Splits each equal operation longer than the kept context into kept lines and one folded operation.</summary>
    public static IReadOnlyList<DiffOperation> Operations(IReadOnlyList<DiffOperation> operations, int context)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var result = new List<DiffOperation>(operations.Count + 8);
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var head = i > 0 ? context : 0;
            var tail = i < operations.Count - 1 ? context : 0;
            if (op.Kind != DiffOperationKind.Equal || op.LeftCount <= head + tail + 1)
            {
                result.Add(op);
                continue;
            }

            var lines = Tokenizer.LineTexts(op.LeftText);
            var folded = op.LeftCount - head - tail;
            if (head > 0)
            {
                var t = string.Concat(lines.AsSpan(0, head));
                result.Add(op with { LeftCount = head, RightCount = head, LeftText = t, RightText = t });
            }

            result.Add(op with
            {
                LeftStart = op.LeftStart + head,
                RightStart = op.RightStart + head,
                LeftCount = folded,
                RightCount = folded,
                LeftText = string.Empty,
                RightText = string.Empty,
                Folded = true,
            });
            if (tail > 0)
            {
                var t = string.Concat(lines.AsSpan(lines.Length - tail));
                result.Add(op with
                {
                    LeftStart = op.LeftStart + head + folded,
                    RightStart = op.RightStart + head + folded,
                    LeftCount = tail,
                    RightCount = tail,
                    LeftText = t,
                    RightText = t,
                });
            }
        }

        return result;
    }

    /// <summary>Replaces each run of equal rows longer than the kept context by one folded row.</summary>
    public static IReadOnlyList<DiffRow> Rows(IReadOnlyList<DiffRow> rows, int context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var result = new List<DiffRow>();
        var i = 0;
        while (i < rows.Count)
        {
            if (rows[i].Kind != DiffOperationKind.Equal)
            {
                result.Add(rows[i++]);
                continue;
            }

            var j = i;
            while (j < rows.Count && rows[j].Kind == DiffOperationKind.Equal)
            {
                j++;
            }

            var head = i > 0 ? context : 0;
            var tail = j < rows.Count ? context : 0;
            if (j - i <= head + tail + 1)
            {
                result.AddRange(rows.Skip(i).Take(j - i));
                i = j;
                continue;
            }

            result.AddRange(rows.Skip(i).Take(head));

            var first = rows[i + head];
            result.Add(new DiffRow
            {
                Kind = DiffOperationKind.Equal,
                Left = first.Left is null ? null : first.Left with { Text = string.Empty, Spans = [], MissingNewline = false },
                Right = first.Right is null ? null : first.Right with { Text = string.Empty, Spans = [], MissingNewline = false },
                Folded = j - i - head - tail,
            });
            result.AddRange(rows.Skip(j - tail).Take(tail));
            i = j;
        }

        return result;
    }
}
