using System.Text;
using CsCheck;
using Provenance.Data;

namespace Provenance.Data.Tests;

public sealed class RevisionDeltaTests
{
    private static readonly string[] Tokens = ["a", "b", "word ", "Kennedy ", ".", "\n", "\n\n", "\r\n", "é", "Ж", "😀", "[sic]", " "];

    private static readonly Gen<string> Text = Gen.Int[0, Tokens.Length - 1].Array[0, 300].Select(ix => string.Concat(ix.Select(i => Tokens[i])));

    /// <summary>A text and an edit of it: a few token-level inserts, deletes and replacements anywhere.</summary>
    private static readonly Gen<(string Parent, string Child)> Edited =
        Gen.Int[0, Tokens.Length - 1].Array[0, 300].SelectMany(parent =>
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1000], Gen.Int[0, Tokens.Length - 1], Gen.Int[1, 20]).Array[0, 6].Select(edits =>
            {
                var child = parent.ToList();
                foreach (var (kind, at, token, length) in edits)
                {
                    var i = child.Count == 0 ? 0 : at % (child.Count + 1);
                    switch (kind)
                    {
                        case 0:
                            child.Insert(i, token);
                            break;
                        case 1:
                            child.RemoveRange(Math.Min(i, child.Count), Math.Min(length, child.Count - Math.Min(i, child.Count)));
                            break;
                        default:
                            if (i < child.Count)
                            {
                                child[i] = token;
                            }

                            break;
                    }
                }

                return (string.Concat(parent.Select(i => Tokens[i])), string.Concat(child.Select(i => Tokens[i])));
            }));

    public sealed class Round_trip
    {
        [Fact]
        public void Random_edits_of_random_texts_rebuild_byte_exact() =>
            Edited.Sample((parent, child) => AssertRoundTrip(Encoding.UTF8.GetBytes(parent), Encoding.UTF8.GetBytes(child)), iter: 2000);

        [Fact]
        public void Unrelated_texts_rebuild_byte_exact() =>
            Gen.Select(Text, Text).Sample((parent, child) => AssertRoundTrip(Encoding.UTF8.GetBytes(parent), Encoding.UTF8.GetBytes(child)), iter: 500);

        [Fact]
        public void Random_bytes_rebuild_byte_exact() =>
            Gen.Select(Gen.Byte[9, 13].Array[0, 200], Gen.Byte.Array[0, 200]).Sample((parent, child) => AssertRoundTrip(parent, child), iter: 500);

        [Fact]
        public void A_chain_of_edits_rebuilds_every_step() =>
            Edited.Array[1, 5].Sample(pairs =>
            {
                foreach (var (parent, child) in pairs)
                {
                    var delta = RevisionDelta.Encode(Encoding.UTF8.GetBytes(parent), Encoding.UTF8.GetBytes(child));
                    Assert.Equal(child, Encoding.UTF8.GetString(RevisionDelta.Apply(Encoding.UTF8.GetBytes(parent), delta)));
                }
            }, iter: 200);
    }

    public sealed class Format
    {
        [Fact]
        public void An_unchanged_text_is_an_empty_delta() =>
            Assert.Empty(RevisionDelta.Encode("same\ntext\n"u8, "same\ntext\n"u8));

        [Fact]
        public void One_changed_byte_is_one_splice_of_skip_delete_length_bytes() =>
            // The reference decoder in bench/storage/make_history.py reads exactly this.
            Assert.Equal([5, 1, 1, (byte)'X'], RevisionDelta.Encode("abc\ndef\n"u8, "abc\ndXf\n"u8));

        [Fact]
        public void Varints_are_little_endian_base_128()
        {
            var parent = new byte[300];
            var child = (byte[])parent.Clone();
            child[200] = 1;
            Assert.Equal([0xC8, 0x01, 1, 1, 1], RevisionDelta.Encode(parent, child));
        }

        [Fact]
        public void A_one_word_edit_of_a_long_text_costs_a_few_bytes()
        {
            var parent = string.Join("\n\n", Enumerable.Range(0, 200).Select(i => $"Paragraph {i}: Kennedy said he had nothing more to add."));
            var child = parent.Replace("Paragraph 117: Kennedy said", "Paragraph 117: Kennedy stated", StringComparison.Ordinal);
            Assert.InRange(RevisionDelta.Encode(Encoding.UTF8.GetBytes(parent), Encoding.UTF8.GetBytes(child)).Length, 1, 12);
        }

        [Fact]
        public void Edits_in_two_paragraphs_are_two_splices_not_one_span()
        {
            var parent = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"Line {i} of the telegram."));
            var child = parent.Replace("Line 10 of", "Line 10 in", StringComparison.Ordinal).Replace("Line 90 of", "Line 90 in", StringComparison.Ordinal);
            Assert.InRange(RevisionDelta.Encode(Encoding.UTF8.GetBytes(parent), Encoding.UTF8.GetBytes(child)).Length, 1, 16);
        }

        [Theory]
        [InlineData(new byte[] { 0x80 })]
        [InlineData(new byte[] { 50, 0, 0 })]
        [InlineData(new byte[] { 0, 0, 5, 1 })]
        [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
        public void A_malformed_delta_is_refused(byte[] delta) =>
            Assert.Throws<FormatException>(() => RevisionDelta.Apply("short"u8, delta));
    }

    public sealed class Snapshot_choice
    {
        [Theory]
        [InlineData(1, true)]
        [InlineData(2, false)]
        [InlineData(49, false)]
        [InlineData(50, true)]
        [InlineData(51, false)]
        [InlineData(100, true)]
        public void The_root_and_every_50th_revision_are_snapshots(int number, bool snapshot)
        {
            var parent = string.Concat(Enumerable.Repeat("A sentence of the telegram.\n", 40));
            var (isSnapshot, text, delta) = RevisionStore.Encode(number, parent + "Added.\n", parent);
            Assert.Equal(snapshot, isSnapshot);
            Assert.Equal(snapshot, text is not null);
            Assert.Equal(snapshot, delta is null);
        }

        [Fact]
        public void A_delta_larger_than_half_the_text_is_a_snapshot_instead() =>
            Assert.True(RevisionStore.Encode(7, "completely different", "nothing alike at all here").Snapshot);

        [Fact]
        public void Without_the_parent_text_a_revision_is_a_snapshot() =>
            Assert.True(RevisionStore.Encode(7, "text", parentText: null).Snapshot);
    }

    private static void AssertRoundTrip(byte[] parent, byte[] child)
    {
        var delta = RevisionDelta.Encode(parent, child);
        Assert.Equal(child, RevisionDelta.Apply(parent, delta));
    }
}
