using System.Diagnostics;
using System.Text;
using CsCheck;
using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Diff;

public class DiffPropertyTests
{
    public class Reconstruction
    {
        [Theory]
        [InlineData(DiffGranularity.Word)]
        [InlineData(DiffGranularity.Char)]
        [InlineData(DiffGranularity.Line)]
        public void Equal_and_deleted_give_left_and_equal_and_inserted_give_right(DiffGranularity granularity)
        {
            var options = new DiffOptions { Granularity = granularity };
            Generators.Pair.Sample((left, right) => DiffAssert.Reconstructs(left, right, TextDiffer.Instance.Diff(left, right, options)), iter: 300);
        }

        [Fact]
        public void Holds_when_every_comparison_hits_the_cost_cap()
        {
            var options = new DiffOptions { MaxTokenPairs = 3 };
            Generators.Pair.Sample((left, right) => DiffAssert.Reconstructs(left, right, TextDiffer.Instance.Diff(left, right, options)), iter: 200);
        }

        [Fact]
        public void Similarity_stays_between_zero_and_one()
        {
            Generators.Pair.Sample((left, right) =>
            {
                var similarity = TextDiffer.Instance.Diff(left, right).Stats.Similarity;
                Assert.InRange(similarity, 0.0, 1.0);
            });
        }
    }

    public class Patch
    {
        [Fact]
        public void Gnu_patch_applies_the_unified_diff_byte_for_byte()
        {
            Generators.LineEdits.Sample(
                (oldText, newText) =>
                {
                    var diff = UnifiedDiffWriter.Write(oldText, newText, "old.txt", "new.txt");
                    if (oldText == newText)
                    {
                        Assert.Equal(string.Empty, diff);
                        return;
                    }

                    Assert.Equal(Encoding.UTF8.GetBytes(newText), ApplyWithGnuPatch(oldText, diff));
                },
                iter: 150);
        }

        [Theory]
        [InlineData("", "Copy No. 1\n")]
        [InlineData("Copy No. 1\n", "")]
        [InlineData("Copy No. 1", "Copy No. 1\n")]
        [InlineData("Copy No. 1\n", "Copy No. 1")]
        [InlineData("a\nb\nc", "a\nB\nc")]
        [InlineData("", "no newline")]
        public void Gnu_patch_applies_edge_cases(string oldText, string newText)
        {
            var diff = UnifiedDiffWriter.Write(oldText, newText, "old.txt", "new.txt");

            Assert.Equal(Encoding.UTF8.GetBytes(newText), ApplyWithGnuPatch(oldText, diff));
        }

        internal static byte[] ApplyWithGnuPatch(string oldText, string diff)
        {
            var directory = Directory.CreateTempSubdirectory("provenance-patch-");
            try
            {
                var old = Path.Combine(directory.FullName, "old.txt");
                var patchFile = Path.Combine(directory.FullName, "diff.patch");
                var output = Path.Combine(directory.FullName, "out.txt");
                File.WriteAllBytes(old, Encoding.UTF8.GetBytes(oldText));
                File.WriteAllBytes(patchFile, Encoding.UTF8.GetBytes(diff));
                var start = new ProcessStartInfo("/usr/bin/patch")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    WorkingDirectory = directory.FullName,
                };
                // -F0: no fuzz, so the context must match exactly; -f: never ask.
                foreach (var argument in new[] { "-s", "-f", "-F0", "--no-backup-if-mismatch", "-o", output, "-i", patchFile, old })
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEnd();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"patch failed ({process.ExitCode}): {stdout}{stderr}\n{diff}");
                return File.ReadAllBytes(output);
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
    }
}
