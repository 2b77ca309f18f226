namespace Provenance.Text.Comparison;

/// <summary>A passage of the original that changed since a translation was made, and what the translation says there.</summary>
/// <param name="OriginalBefore">The passage in the revision the translation renders ("" where the newer revision added it).</param>
/// <param name="OriginalAfter">The passage in the newer revision ("" where it was removed).</param>
/// <param name="TranslationText">The translation's sentences aligned with the changed passage ("" where none are).</param>
public sealed record ChangedPassage(string OriginalBefore, string OriginalAfter, string TranslationText);

/// <summary>
/// Which passages of a translation need review after its original changed, as translation platforms mark strings
/// whose source changed: the two revisions of the original are aligned sentence by sentence (a sentence whose
/// normalized text differs, or that one side lacks, changed), and the old original is aligned with the translation
/// across languages (lengths with the texts' own length ratio, and anchors: numbers and names), which says what the
/// translation renders each changed sentence with.
/// </summary>
public static class SourceChanges
{
    public static IReadOnlyList<ChangedPassage> Find(string renderedOriginal, string newerOriginal, string translation)
    {
        ArgumentNullException.ThrowIfNull(renderedOriginal);
        ArgumentNullException.ThrowIfNull(newerOriginal);
        ArgumentNullException.ThrowIfNull(translation);
        var before = TranslationComparer.Side.Of(renderedOriginal);
        var after = TranslationComparer.Side.Of(newerOriginal);
        var rendering = TranslationComparer.Side.Of(translation);
        var changes = TranslationComparer.Aligned(before, after, out _)
            .Where(b => !string.Equals(before.Compared(b.LeftStart, b.LeftCount), after.Compared(b.RightStart, b.RightCount), StringComparison.Ordinal))
            .ToList();
        if (changes.Count == 0)
        {
            return [];
        }

        var renders = SentenceAligner.Align(before.Segments, rendering.Segments, out _, acrossLanguages: true);
        return changes.Select(change =>
        {
            // The translation's sentences in beads that overlap the changed sentences; an added sentence is read at
            // the bead it was added before.
            var from = change.LeftStart;
            var to = Math.Max(change.LeftStart + change.LeftCount, change.LeftStart + 1);
            var overlapping = renders.Where(b => b.RightCount > 0 && b.LeftCount > 0 && b.LeftStart < to && b.LeftStart + b.LeftCount > from).ToList();
            var translated = overlapping.Count == 0 ? ""
                : rendering.Display(overlapping[0].RightStart, overlapping[^1].RightStart + overlapping[^1].RightCount - overlapping[0].RightStart);
            return new ChangedPassage(before.Display(change.LeftStart, change.LeftCount), after.Display(change.RightStart, change.RightCount), translated);
        }).ToList();
    }
}
