using System.Text;

namespace Provenance.Text.Diff;

/// <summary>Side-by-side rows from operations: one row per line; changed blocks pair their lines in order.</summary>
internal static class RowProjection
{
    public static List<DiffRow> Rows(IReadOnlyList<DiffOperation> operations)
    {
        var rows = new List<DiffRow>();
        foreach (var op in operations)
        {
            var left = op.LeftCount == 0 ? [] : Cells(op, DiffSpanKind.Deleted, op.LeftStart, op.LeftText);
            var right = op.RightCount == 0 ? [] : Cells(op, DiffSpanKind.Inserted, op.RightStart, op.RightText);
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                rows.Add(new DiffRow
                {
                    Kind = op.Kind,
                    Left = i < left.Count ? left[i] : null,
                    Right = i < right.Count ? right[i] : null,
                    MoveId = op.MoveId,
                    Direction = op.Direction,
                });
            }
        }

        return rows;
    }

    /// <summary>Splits one side's spans (equal plus <paramref name="sideKind"/>) at line feeds.</summary>
    private static List<DiffCell> Cells(DiffOperation op, DiffSpanKind sideKind, int firstLine, string text)
    {
        IEnumerable<DiffSpan> spans = op.Kind == DiffOperationKind.Equal
            ? [new DiffSpan(DiffSpanKind.Equal, text, false)]
            : op.Spans.Where(s => s.Kind == DiffSpanKind.Equal || s.Kind == sideKind);
        var cells = new List<DiffCell>();
        var current = new List<DiffSpan>();
        var line = new StringBuilder();
        foreach (var span in spans)
        {
            var start = 0;
            while (true)
            {
                var newline = span.Text.IndexOf('\n', start);
                var piece = newline < 0 ? span.Text[start..] : span.Text[start..newline];
                if (piece.Length > 0)
                {
                    // Dropping the other side's spans can leave two equal spans side by side: join them.
                    DiffSpan.Append(current, span.Kind, piece, span.Editorial);
                    line.Append(piece);
                }

                if (newline < 0)
                {
                    break;
                }

                cells.Add(Cell(firstLine + cells.Count, line, current, op.Kind, missingNewline: false));
                current = [];
                start = newline + 1;
            }
        }

        if (line.Length > 0)
        {
            cells.Add(Cell(firstLine + cells.Count, line, current, op.Kind, missingNewline: true));
        }

        return cells;
    }

    private static DiffCell Cell(int number, StringBuilder line, List<DiffSpan> spans, DiffOperationKind kind, bool missingNewline)
    {
        var text = line.ToString();
        line.Clear();
        // Equal rows need no spans: the text says it all and keeps the JSON small.
        return new DiffCell(number, text, kind == DiffOperationKind.Equal ? [] : spans, missingNewline);
    }
}
