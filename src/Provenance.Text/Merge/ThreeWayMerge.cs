using Provenance.Text.Diff;
using Provenance.Text.Tokens;

namespace Provenance.Text.Merge;

/// <summary>
/// Merges an editor's submission made from a stale base into the current head, like diff3 or a wiki:
/// paragraphs (lines) changed on one side only take that side; identical changes are kept once; a paragraph
/// changed on both sides merges when the changes fall in different sentences and conflicts otherwise.
/// </summary>
public static class ThreeWayMerge
{
    public static MergeResult Merge(string baseText, string headText, string submittedText)
    {
        ArgumentNullException.ThrowIfNull(baseText);
        ArgumentNullException.ThrowIfNull(headText);
        ArgumentNullException.ThrowIfNull(submittedText);

        var normalizedBase = TextNormalizer.Normalize(baseText);
        var head = TextNormalizer.Normalize(headText);
        var submitted = TextNormalizer.Normalize(submittedText);
        if (string.Equals(head, submitted, StringComparison.Ordinal) || string.Equals(normalizedBase, submitted, StringComparison.Ordinal))
        {
            return MergeResult.Clean(head);
        }

        if (string.Equals(normalizedBase, head, StringComparison.Ordinal))
        {
            return MergeResult.Clean(submitted);
        }

        var (baseLines, baseNewline) = SplitLines(normalizedBase);
        var (headLines, headNewline) = SplitLines(head);
        var (submittedLines, submittedNewline) = SplitLines(submitted);

        // One cost cap for all the merge's diffs: a coarser diff only makes regions larger (more conflicts), never wrong.
        var budget = new CostBudget(DiffOptions.Default.MaxTokenPairs);
        var merged = new List<string>();
        var conflicts = new List<MergeConflict>();
        foreach (var block in Diff3.Merge(baseLines, headLines, submittedLines, budget))
        {
            if (block.Merged is not null)
            {
                merged.AddRange(block.Merged);
            }
            else if (TryMergeSentences(block, budget, out var lines))
            {
                merged.AddRange(lines);
            }
            else
            {
                conflicts.Add(new MergeConflict(
                    block.BaseStart + 1,
                    block.BaseCount,
                    string.Join('\n', block.Base),
                    string.Join('\n', block.Head),
                    string.Join('\n', block.Submitted)));
            }
        }

        if (conflicts.Count > 0)
        {
            return MergeResult.Conflicted(conflicts) with { Bounded = budget.Bounded };
        }

        // Booleans cannot both differ from the base, so whichever side changed the final newline wins.
        var finalNewline = headNewline == baseNewline ? submittedNewline : headNewline;
        return MergeResult.Clean(JoinLines(merged, finalNewline)) with { Bounded = budget.Bounded };
    }

    /// <summary>
    /// Merges a paragraph both sides changed, sentence by sentence: edits in different sentences combine,
    /// any two different edits touching one sentence are a conflict.
    /// </summary>
    private static bool TryMergeSentences(Diff3Block block, CostBudget budget, out List<string> lines)
    {
        lines = [];
        var blocks = Diff3.Merge(SentenceUnits(block.Base), SentenceUnits(block.Head), SentenceUnits(block.Submitted), budget);
        if (blocks.Any(b => b.Merged is null))
        {
            return false;
        }

        var text = string.Concat(blocks.SelectMany(b => b.Merged!));

        // Both sides deleting different parts of a paragraph can leave nothing: the paragraph is gone.
        if (text.Length > 0)
        {
            lines.AddRange(text.Split('\n'));
        }

        return true;
    }

    // Newlines and the spaces after a sentence are units of their own: appending a sentence adds a space after
    // the old last one, which must not count as touching it.
    private static List<string> SentenceUnits(IReadOnlyList<string> lines)
    {
        var units = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                units.Add("\n");
            }

            foreach (var sentence in SentenceSplitter.Split(lines[i]))
            {
                var core = sentence.TrimEnd();
                if (core.Length > 0)
                {
                    units.Add(core);
                }

                if (core.Length < sentence.Length)
                {
                    units.Add(sentence[core.Length..]);
                }
            }
        }

        return units;
    }

    /// <summary>Lines without their line feeds (a conflict shows them joined), and whether the text ends in one.</summary>
    private static (string[] Lines, bool FinalNewline) SplitLines(string text) =>
        (Array.ConvertAll(Tokenizer.LineTexts(text), line => line.EndsWith('\n') ? line[..^1] : line), text.EndsWith('\n'));

    private static string JoinLines(List<string> lines, bool finalNewline) =>
        lines.Count == 0 ? string.Empty : string.Join('\n', lines) + (finalNewline ? "\n" : string.Empty);
}
