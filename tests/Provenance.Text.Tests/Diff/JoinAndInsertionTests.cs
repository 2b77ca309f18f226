using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Diff;

/// <summary>Issue 14.5: what a reader of the word diff sees for a paragraph joined across a page break and an added bracketed insertion.</summary>
public sealed class JoinAndInsertionTests
{
    private const string Before = "The President felt himself deceived. It was a heavy blow to everything in personal relations with the head of the Soviet government: mutual trust in each\n\nother's personal assurances. As a result, the reaction which had found its reflection in the declaration.\n\nR. Kennedy said the President had decided not to address A. A. Gromyko about this.\n";

    [Fact]
    public void A_paragraph_joined_across_a_page_break_shows_only_the_break_removed()
    {
        var after = Before.Replace("each\n\nother's", "each other's", StringComparison.Ordinal);
        var diff = TextDiffer.Instance.Diff(Before, after);
        var changed = diff.Operations.Where(o => o.Kind != DiffOperationKind.Equal).ToList();
        var spans = changed.SelectMany(o => o.Spans).Where(s => s.Kind != DiffSpanKind.Equal).ToList();
        Assert.Equal([new DiffSpan(DiffSpanKind.Deleted, "\n\n", false), new DiffSpan(DiffSpanKind.Inserted, " ", false)], spans);
        Assert.Equal(1, diff.Stats.Similarity);
    }

    [Fact]
    public void An_inserted_bracketed_insertion_is_one_inserted_span()
    {
        var after = Before.Replace("R. Kennedy said", "R. Kennedy [Attorney General Robert F.] said", StringComparison.Ordinal);
        var diff = TextDiffer.Instance.Diff(Before, after);
        var inserted = diff.Operations.SelectMany(o => o.Spans).Where(s => s.Kind != DiffSpanKind.Equal).ToList();
        Assert.Equal([new DiffSpan(DiffSpanKind.Inserted, "[Attorney General Robert F.] ", true)], inserted);
    }
}
