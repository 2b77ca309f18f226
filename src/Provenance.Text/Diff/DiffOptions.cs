using System.Text.Json.Serialization;

namespace Provenance.Text.Diff;

[JsonConverter(typeof(CamelCaseEnumConverter<DiffGranularity>))]
public enum DiffGranularity
{
    Line,
    Word,
    Char,
}

public sealed record DiffOptions
{
    public static DiffOptions Default { get; } = new();

    /// <summary>Granularity of spans inside changed and moved blocks. Lines are always compared first.</summary>
    public DiffGranularity Granularity { get; init; } = DiffGranularity.Word;

    /// <summary>
    /// Cost cap for one comparison, in token pairs. A comparison of n against m tokens (after common
    /// prefix and suffix are trimmed) is estimated at ((n + m) / 2)², the worst case of the O((n+m)·D)
    /// diff; above the cap the comparison falls back to a coarser but still correct answer.
    /// </summary>
    public long MaxTokenPairs { get; init; } = 16_000_000;

    /// <summary>
    /// Compute the second level (spans inside changed and moved blocks). False gives line-level operations only,
    /// with empty spans and stats that count only unchanged words: all a unified diff needs, at a fraction of the cost.
    /// </summary>
    public bool Spans { get; init; } = true;

    /// <summary>Pair deleted and inserted paragraphs that are alike as moves.</summary>
    public bool DetectMoves { get; init; } = true;

    /// <summary>Word similarity (0..1) at which a deleted and an inserted paragraph count as one moved paragraph.</summary>
    public double MoveSimilarity { get; init; } = 0.6;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokenPairs, 1);
        if (MoveSimilarity is <= 0 or > 1 || double.IsNaN(MoveSimilarity))
        {
            throw new ArgumentOutOfRangeException(nameof(MoveSimilarity), MoveSimilarity, "Must be in (0, 1].");
        }
    }
}
