using Provenance.Text.Comparison;

namespace Provenance.Text.Tests.Comparison;

public class SourceChangesTests
{
    private const string Original = """
        Поздно вечером 23 октября ко мне приехал Р. Кеннеди. Он был в явно возбужденном состоянии.

        Я приехал по своей личной инициативе без какого-либо поручения Президента. Я считал необходимым сделать это.

        Президент Кеннеди чувствует себя обманутым. Об этом он сказал американскому народу 22 октября.
        """;

    private const string Translation = """
        Late in the evening of October 23, R. Kennedy came to visit me. He was in an obviously excited condition.

        I came on my own personal initiative without any assignment from the President. I considered it necessary to do this.

        President Kennedy feels deceived. He said so to the American people on October 22.
        """;

    [Fact]
    public void Only_the_passages_whose_original_changed_are_marked_with_what_the_translation_says_there()
    {
        var corrected = Original.Replace("22 октября", "21 октября", StringComparison.Ordinal);

        var changes = SourceChanges.Find(Original, corrected, Translation);

        var change = Assert.Single(changes);
        Assert.Equal("Об этом он сказал американскому народу 22 октября.", change.OriginalBefore);
        Assert.Equal("Об этом он сказал американскому народу 21 октября.", change.OriginalAfter);
        // Across languages the alignment is by lengths and numbers: the changed sentence's paragraph, not the others.
        Assert.Contains("He said so to the American people on October 22.", change.TranslationText, StringComparison.Ordinal);
        Assert.DoesNotContain("personal initiative", change.TranslationText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_revision_that_only_rewraps_or_recases_the_original_needs_no_review()
    {
        var rewrapped = Original.Replace("Он был в явно", "Он был\nв явно", StringComparison.Ordinal).Replace("Президент Кеннеди", "ПРЕЗИДЕНТ КЕННЕДИ", StringComparison.Ordinal);
        Assert.Empty(SourceChanges.Find(Original, rewrapped, Translation));
    }
}
