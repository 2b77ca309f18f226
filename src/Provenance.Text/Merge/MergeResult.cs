using System.Text.Json.Serialization;

namespace Provenance.Text.Merge;

/// <summary>
/// Outcome of merging a submitted text into the current head. When <see cref="IsClean"/> is false,
/// <see cref="MergedText"/> is null and <see cref="Conflicts"/> lists every paragraph both sides changed differently.
/// </summary>
public sealed record MergeResult(bool IsClean, string? MergedText, IReadOnlyList<MergeConflict> Conflicts)
{
    /// <summary>True when a cost cap made a diff of the merge coarser: regions are larger, so more may conflict.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Bounded { get; init; }

    public static MergeResult Clean(string mergedText) => new(true, mergedText, []);

    public static MergeResult Conflicted(IReadOnlyList<MergeConflict> conflicts)
    {
        // A conflicted merge needs at least one conflict.
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentOutOfRangeException.ThrowIfZero(conflicts.Count, nameof(conflicts));
        return new(false, null, conflicts);
    }
}

/// <summary>
/// Base lines [BaseStartLine, BaseStartLine + BaseLineCount) (1-based) that head and submitted changed differently.
/// A count of 0 means both sides inserted different text before line <see cref="BaseStartLine"/>.
/// Texts are the lines of that region joined with LF, without a final newline.
/// </summary>
public sealed record MergeConflict(int BaseStartLine, int BaseLineCount, string BaseText, string HeadText, string SubmittedText);
