namespace Provenance.Text.Blame;

/// <summary>A stretch of the blamed text and the index (into the history) of the revision that wrote it.</summary>
public sealed record BlameSpan(string Text, int RevisionIndex);

/// <summary>The unit credited to one revision: a whole line (paragraph) or a sentence within it.</summary>
public enum BlameGranularity
{
    Line,
    Sentence,
}
