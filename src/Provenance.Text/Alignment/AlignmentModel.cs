using System.Text.Json.Serialization;
using Provenance.Text.Diff;

namespace Provenance.Text.Alignment;

[JsonConverter(typeof(JsonStringEnumConverter<AlignmentKind>))]
public enum AlignmentKind
{
    [JsonStringEnumMemberName("1:1")]
    OneToOne,

    [JsonStringEnumMemberName("1:n")]
    OneToMany,

    [JsonStringEnumMemberName("n:1")]
    ManyToOne,

    [JsonStringEnumMemberName("left-only")]
    LeftOnly,

    [JsonStringEnumMemberName("right-only")]
    RightOnly,
}

[JsonConverter(typeof(CamelCaseEnumConverter<AlignmentSide>))]
public enum AlignmentSide
{
    Left,
    Right,
}

/// <summary>A number or name found in one translation's paragraph(s) and not in the other's.</summary>
public sealed record DifferingAnchor(string Text, AlignmentSide Side);

/// <summary>
/// Paragraphs of two translations that render the same original passage. Indexes are 0-based positions among the
/// non-blank paragraphs; texts of several paragraphs are joined with a blank line.
/// </summary>
public sealed record AlignedPair
{
    public required AlignmentKind Kind { get; init; }

    public required IReadOnlyList<int> LeftParagraphs { get; init; }

    public required IReadOnlyList<int> RightParagraphs { get; init; }

    public required string LeftText { get; init; }

    public required string RightText { get; init; }

    /// <summary>Word similarity 0..1 of the word diff below; 0 for unmatched paragraphs.</summary>
    public required double Similarity { get; init; }

    public required IReadOnlyList<DiffSpan> Spans { get; init; }

    public required IReadOnlyList<DifferingAnchor> DifferingNumbers { get; init; }

    public required IReadOnlyList<DifferingAnchor> DifferingNames { get; init; }
}

public sealed record AlignmentResult
{
    public required IReadOnlyList<AlignedPair> Pairs { get; init; }

    public required int LeftParagraphCount { get; init; }

    public required int RightParagraphCount { get; init; }

    /// <summary>True when long texts were aligned within a band around the diagonal, or a word diff hit its cap.</summary>
    public bool Bounded { get; init; }
}
