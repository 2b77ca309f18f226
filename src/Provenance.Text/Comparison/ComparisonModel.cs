using System.Text.Json.Serialization;
using Provenance.Text.Diff;

namespace Provenance.Text.Comparison;

[JsonConverter(typeof(JsonStringEnumConverter<PairKind>))]
public enum PairKind
{
    [JsonStringEnumMemberName("1:1")]
    OneToOne,

    [JsonStringEnumMemberName("1:n")]
    OneToMany,

    [JsonStringEnumMemberName("n:1")]
    ManyToOne,

    [JsonStringEnumMemberName("n:n")]
    ManyToMany,

    [JsonStringEnumMemberName("left-only")]
    LeftOnly,

    [JsonStringEnumMemberName("right-only")]
    RightOnly,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ComparedSide>))]
public enum ComparedSide
{
    Left,
    Right,
}

/// <summary>What a passage found on one side only probably is, so a reader knows why it has no counterpart.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OneSidedKind>))]
public enum OneSidedKind
{
    /// <summary>Short, and before (or after) everything both texts share: a transmission header or trailer, a file heading.</summary>
    Header,

    /// <summary>In brackets or braces, or introduced as a note: apparatus, not translated text.</summary>
    Note,

    /// <summary>Text the other translation left out (or added).</summary>
    Passage,
}

/// <summary>A number or name in one side's passage that the other side's passage does not have, as written.</summary>
public sealed record DifferingAnchor(string Text, ComparedSide Side);

/// <summary>
/// Sentences of two translations that render the same passage of the original. Texts are the raw passages with
/// their line breaks joined; <see cref="LeftSpans"/> and <see cref="RightSpans"/> cut them into equal and differing
/// words as found after normalization, and concatenate to them.
/// </summary>
public sealed record ComparedPair
{
    public required PairKind Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OneSidedKind? OneSided { get; init; }

    /// <summary>0-based paragraphs of the normalized text (after reflow) the sentences are in.</summary>
    public required IReadOnlyList<int> LeftParagraphs { get; init; }

    public required IReadOnlyList<int> RightParagraphs { get; init; }

    /// <summary>0-based sentences.</summary>
    public required IReadOnlyList<int> LeftSegments { get; init; }

    public required IReadOnlyList<int> RightSegments { get; init; }

    public required string LeftText { get; init; }

    public required string RightText { get; init; }

    /// <summary>Word similarity 0..1 of the normalized passages; 0 for unmatched ones.</summary>
    public required double Similarity { get; init; }

    /// <summary>The word diff of the normalized passages (equal + deleted spans give the left one).</summary>
    public required IReadOnlyList<DiffSpan> Spans { get; init; }

    public required IReadOnlyList<DiffSpan> LeftSpans { get; init; }

    public required IReadOnlyList<DiffSpan> RightSpans { get; init; }

    public required IReadOnlyList<DifferingAnchor> DifferingNumbers { get; init; }

    public required IReadOnlyList<DifferingAnchor> DifferingNames { get; init; }
}

/// <summary>What the normalization ignored on each side.</summary>
public sealed record ComparisonNormalization(IReadOnlyList<NormalizationStep> Left, IReadOnlyList<NormalizationStep> Right);

public sealed record ComparisonResult
{
    public required IReadOnlyList<ComparedPair> Pairs { get; init; }

    public required int LeftParagraphCount { get; init; }

    public required int RightParagraphCount { get; init; }

    public required int LeftSegmentCount { get; init; }

    public required int RightSegmentCount { get; init; }

    public required ComparisonNormalization Normalization { get; init; }

    /// <summary>True when the sentence alignment was searched in a band (long texts) or a word diff hit its cap.</summary>
    public required bool Bounded { get; init; }
}

/// <summary>One translation in a collation.</summary>
public sealed record CollationWitness(long TranslationId, string Label)
{
    /// <summary>What the comparison normalization ignored in this witness's text.</summary>
    public IReadOnlyList<NormalizationStep> Normalization { get; init; } = [];
}

public sealed record CollationReading(long TranslationId, string Text);

/// <summary>
/// One row of the variant table: what every witness reads at this place ("" where it has nothing), and how well
/// they agree: the mean word similarity over pairs of witnesses (1 = same words after normalization).
/// </summary>
public sealed record CollationSegment(IReadOnlyList<CollationReading> Readings, double Agreement)
{
    /// <summary>Witness groups that read the same after normalization, in witness order: the TEI <c>rdg</c>s.</summary>
    [JsonIgnore]
    public IReadOnlyList<IReadOnlyList<int>> Groups { get; init; } = [];
}

public sealed record Collation
{
    public required IReadOnlyList<CollationWitness> Witnesses { get; init; }

    public required IReadOnlyList<CollationSegment> Segments { get; init; }

    public required bool Bounded { get; init; }
}
