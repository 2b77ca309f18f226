using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Diff;

public class UnifiedDiffWriterTests
{
    public class Write
    {
        [Fact]
        public void Writes_headers_hunk_and_context()
        {
            var diff = UnifiedDiffWriter.Write("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "rev1", "rev2", context: 2);

            Assert.Equal("--- a/rev1\n+++ b/rev2\n@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+five\n 6\n 7\n", diff);
        }

        [Fact]
        public void Marks_a_missing_final_newline()
        {
            var diff = UnifiedDiffWriter.Write("TOP SECRET\n", "TOP SECRET", "a.txt", "b.txt");

            Assert.Equal("--- a/a.txt\n+++ b/b.txt\n@@ -1,1 +1,1 @@\n-TOP SECRET\n+TOP SECRET\n\\ No newline at end of file\n", diff);
        }

        [Fact]
        public void Names_line_zero_for_an_empty_file()
        {
            var diff = UnifiedDiffWriter.Write("", "Copy No. 1\n", "a.txt", "b.txt");

            Assert.Equal("--- a/a.txt\n+++ b/b.txt\n@@ -0,0 +1,1 @@\n+Copy No. 1\n", diff);
        }

        [Fact]
        public void Is_empty_for_texts_that_differ_only_in_encoding()
        {
            Assert.Equal(string.Empty, UnifiedDiffWriter.Write("e\u0301\r\n", "\u00e9\n", "a", "b"));
        }

        [Fact]
        public void Splits_distant_changes_into_separate_hunks()
        {
            var left = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
            var right = left.Replace("2\n", "two\n", StringComparison.Ordinal).Replace("19\n", "nineteen\n", StringComparison.Ordinal);

            var diff = UnifiedDiffWriter.Write(left, right, "a", "b");

            Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        }

        [Fact]
        public void Writes_moved_paragraphs_as_deletion_and_insertion_that_patch_applies()
        {
            const string left = "Alpha paragraph with several words here.\n\nBeta.\n\nGamma paragraph that moves to the end now.\n\nDelta.\n";
            const string right = "Alpha paragraph with several words here.\n\nBeta.\n\nDelta.\n\nGamma paragraph that moves to the end later.\n";
            var moved = TextDiffer.Instance.Diff(left, right);
            Assert.Contains(moved.Operations, o => o.Kind == DiffOperationKind.Moved);

            var diff = UnifiedDiffWriter.Write(moved, "a", "b");

            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(right), DiffPropertyTests.Patch.ApplyWithGnuPatch(left, diff));
        }
    }
}

public class HtmlDiffRendererTests
{
    public class Render
    {
        [Fact]
        public void Marks_changes_with_ins_and_del_and_encodes_text()
        {
            var html = HtmlDiffRenderer.Render(TextDiffer.Instance.Diff("a <b> & c\n", "a <b> & d\n"));

            Assert.Contains("<del class=\"diff-del\">c</del>", html, StringComparison.Ordinal);
            Assert.Contains("<ins class=\"diff-ins\">d</ins>", html, StringComparison.Ordinal);
            Assert.Contains("a &lt;b&gt; &amp; ", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Marks_editorial_spans_and_links_both_ends_of_a_move()
        {
            const string left = "First paragraph of the telegram text.\n\nSecond.\n\nThird paragraph that will be moved below.\n\nFourth.\n";
            const string right = "First paragraph of the telegram text[?].\n\nSecond.\n\nFourth.\n\nThird paragraph that will be moved below.\n";

            var html = HtmlDiffRenderer.Render(TextDiffer.Instance.Diff(left, right));

            Assert.Contains("<ins class=\"diff-ins diff-editorial\" title=\"editorial\">[?]</ins>", html, StringComparison.Ordinal);
            Assert.Contains("id=\"diff-move-1-from\" data-move-id=\"1\" data-move-direction=\"from\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"#diff-move-1-to\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"#diff-move-1-from\"", html, StringComparison.Ordinal);
        }
    }
}
