using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Diff;

internal static class DiffAssert
{
    /// <summary>Both texts come back from the operations and from the spans of every changed or moved block.</summary>
    public static void Reconstructs(string left, string right, DiffResult diff)
    {
        Assert.Equal(TextNormalizer.Normalize(left), string.Concat(diff.Operations.Select(o => o.LeftText)));
        Assert.Equal(TextNormalizer.Normalize(right), string.Concat(diff.Operations.Select(o => o.RightText)));
        Assert.Equal(TextNormalizer.Normalize(left), string.Concat(diff.Operations.Select(LeftPiece)));
        Assert.Equal(TextNormalizer.Normalize(right), string.Concat(diff.Operations.Select(RightPiece)));
        foreach (var op in diff.Operations.Where(o => o.Kind == DiffOperationKind.Moved))
        {
            var other = diff.Operations.Single(o => o.MoveId == op.MoveId && o.Direction != op.Direction);
            Assert.Equal(op.Spans, other.Spans);
        }

        Assert.Equal(diff.Operations.Sum(o => o.LeftCount), diff.Rows.Count(r => r.Left is not null));
        Assert.Equal(diff.Operations.Sum(o => o.RightCount), diff.Rows.Count(r => r.Right is not null));
    }

    public static string Side(IEnumerable<DiffSpan> spans, DiffSpanKind side) =>
        string.Concat(spans.Where(s => s.Kind == DiffSpanKind.Equal || s.Kind == side).Select(s => s.Text));

    private static string LeftPiece(DiffOperation op) => op switch
    {
        { Kind: DiffOperationKind.Changed } or { Direction: MoveDirection.From } => Side(op.Spans, DiffSpanKind.Deleted),
        { Kind: DiffOperationKind.Deleted } => Side(op.Spans, DiffSpanKind.Deleted),
        { Kind: DiffOperationKind.Equal } => op.LeftText,
        _ => string.Empty,
    };

    private static string RightPiece(DiffOperation op) => op switch
    {
        { Kind: DiffOperationKind.Changed } or { Direction: MoveDirection.To } => Side(op.Spans, DiffSpanKind.Inserted),
        { Kind: DiffOperationKind.Inserted } => Side(op.Spans, DiffSpanKind.Inserted),
        { Kind: DiffOperationKind.Equal } => op.RightText,
        _ => string.Empty,
    };
}
