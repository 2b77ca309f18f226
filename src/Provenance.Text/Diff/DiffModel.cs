using System.Text.Json.Serialization;

namespace Provenance.Text.Diff;

[JsonConverter(typeof(CamelCaseEnumConverter<DiffOperationKind>))]
public enum DiffOperationKind
{
    Equal,
    Inserted,
    Deleted,
    Changed,
    Moved,
}

[JsonConverter(typeof(CamelCaseEnumConverter<DiffSpanKind>))]
public enum DiffSpanKind
{
    Equal,
    Inserted,
    Deleted,
}

[JsonConverter(typeof(CamelCaseEnumConverter<MoveDirection>))]
public enum MoveDirection
{
    /// <summary>The old place of a moved paragraph (left side only).</summary>
    From,

    /// <summary>The new place of a moved paragraph (right side only).</summary>
    To,
}

/// <summary>One piece of a word-level (or char/line-level) diff inside a block.</summary>
/// <param name="Editorial">The text is (inside) an editorial mark such as <c>[?]</c>, not translated text.</param>
public sealed record DiffSpan(DiffSpanKind Kind, string Text, bool Editorial)
{
    /// <summary>Words that start in this span; feeds <see cref="DiffStats"/>.</summary>
    [JsonIgnore]
    internal int WordCount { get; init; }

    // Word counts are bookkeeping for the stats, not part of what a span says.
    public bool Equals(DiffSpan? other) =>
        other is not null && Kind == other.Kind && Editorial == other.Editorial && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Text), Editorial);

    /// <summary>Adds a span to <paramref name="spans"/>, joined to the last one when it is of the same kind and flag.</summary>
    internal static void Append(List<DiffSpan> spans, DiffSpanKind kind, string text, bool editorial)
    {
        if (spans.Count > 0 && spans[^1].Kind == kind && spans[^1].Editorial == editorial)
        {
            spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
        }
        else
        {
            spans.Add(new DiffSpan(kind, text, editorial));
        }
    }
}

/// <summary>
/// One block of the diff. Operations are in document order for both sides at once: concatenating every
/// <see cref="LeftText"/> gives the left text, every <see cref="RightText"/> the right text.
/// Line numbers are 1-based; an empty range (count 0) starts at the line that follows it.
/// </summary>
public sealed record DiffOperation
{
    public required DiffOperationKind Kind { get; init; }

    public required int LeftStart { get; init; }

    public required int LeftCount { get; init; }

    public required int RightStart { get; init; }

    public required int RightCount { get; init; }

    public required string LeftText { get; init; }

    public required string RightText { get; init; }

    /// <summary>
    /// Empty for equal blocks. For changed and moved blocks, equal+deleted spans give the old paragraph
    /// text and equal+inserted the new one; both ends of a move carry the same spans.
    /// </summary>
    public IReadOnlyList<DiffSpan> Spans { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MoveId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MoveDirection? Direction { get; init; }

    /// <summary>
    /// True for an unchanged stretch whose text was left out on request (<see cref="DiffFolding"/>): the
    /// starts and counts still say which lines it covers; <see cref="LeftText"/> and <see cref="RightText"/> are empty.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Folded { get; init; }
}

/// <summary>One side of a side-by-side row: a single line without its line feed.</summary>
/// <param name="MissingNewline">The line is the last one and has no line feed.</param>
public sealed record DiffCell(int Line, string Text, IReadOnlyList<DiffSpan> Spans, bool MissingNewline);

/// <summary>A side-by-side row; <see cref="Left"/> or <see cref="Right"/> is null where that side has no line.</summary>
public sealed record DiffRow
{
    public required DiffOperationKind Kind { get; init; }

    public DiffCell? Left { get; init; }

    public DiffCell? Right { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MoveId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MoveDirection? Direction { get; init; }

    /// <summary>
    /// For a folded run of unchanged rows (<see cref="DiffFolding"/>): how many rows this one stands for. Its
    /// cells carry the first line number on each side and no text.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Folded { get; init; }
}

/// <summary>
/// Counts over word tokens (letters, digits). Words inside a moved paragraph count as moved when unchanged
/// and as inserted/deleted when edited. Moved lines are not counted in <see cref="LinesInserted"/> or
/// <see cref="LinesDeleted"/>. At char granularity a word is counted in the span where it starts.
/// </summary>
public sealed record DiffStats
{
    public int WordsInserted { get; init; }

    public int WordsDeleted { get; init; }

    public int WordsMoved { get; init; }

    public int WordsUnchanged { get; init; }

    public int LinesInserted { get; init; }

    public int LinesDeleted { get; init; }

    /// <summary>2 × (unchanged + moved words) / (left words + right words); 1 for equal texts.</summary>
    public double Similarity { get; init; }

    /// <summary>Inserted or deleted spans that are editorial apparatus.</summary>
    public int EditorialChanges { get; init; }
}

public sealed record DiffResult
{
    public required DiffGranularity Granularity { get; init; }

    public required IReadOnlyList<DiffOperation> Operations { get; init; }

    private IReadOnlyList<DiffRow>? _rows;
    private DiffStats? _stats;

    /// <summary>Side-by-side rows; projected from <see cref="Operations"/> on first use when not given.</summary>
    public IReadOnlyList<DiffRow> Rows
    {
        get => _rows ??= RowProjection.Rows(Operations);
        init => _rows = value;
    }

    /// <summary>Word and line counts; computed from <see cref="Operations"/> on first use when not given.</summary>
    public DiffStats Stats
    {
        get => _stats ??= TextDiffer.Statistics(Operations);
        init => _stats = value;
    }

    /// <summary>True when a cost cap made part of the diff coarser than the exact one (still correct).</summary>
    public bool Bounded { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BoundedReason { get; init; }

    /// <summary>True when the texts are equal after normalization.</summary>
    [JsonIgnore]
    public bool IsIdentical => Operations.All(o => o.Kind == DiffOperationKind.Equal);
}
