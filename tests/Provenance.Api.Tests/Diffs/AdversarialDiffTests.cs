using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Diffs;

/// <summary>
/// Inputs chosen to defeat a diff (issue 12): every answer is one modest page, says when it is coarse, and the
/// pages together rebuild both texts. Sizes, not timers: a diff that blew its bound would show as a huge answer
/// or a missing coarse mark, whatever the machine's load.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdversarialDiffTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("word")]
    [InlineData("char")]
    [InlineData("line")]
    public async Task Hundred_thousand_lines_against_them_shuffled_answer_in_bounded_pages_that_rebuild_both(string granularity)
    {
        var random = new Random(12);
        var ordered = Enumerable.Range(0, 100_000).Select(i => "abcd"[i * 4 / 100_000] + "\n").ToArray();
        var shuffled = ordered.OrderBy(_ => random.Next()).ToArray();
        var (left, right) = (string.Concat(ordered), string.Concat(shuffled));

        var pages = await AllPagesAsync($"granularity={granularity}", left, right);

        Assert.True(pages.Count > 1 || pages[0].GetProperty("bounded").GetBoolean(), "100,000 changed lines are paged or coarse");
        AssertRebuilds(pages, left, right);
    }

    [Fact]
    public async Task Forty_thousand_lines_crafted_to_collide_answer_bounded_and_rebuild_both()
    {
        var lines = CollidingLines(40_000);
        var left = string.Concat(lines);
        var right = string.Concat(lines.Skip(20_000).Concat(lines.Take(20_000)).Reverse());

        var pages = await AllPagesAsync("", left, right);

        Assert.True(pages[0].GetProperty("bounded").GetBoolean());
        Assert.False(string.IsNullOrEmpty(pages[0].GetProperty("boundedReason").GetString()));
        AssertRebuilds(pages, left, right);
    }

    [Theory]
    [InlineData("word")]
    [InlineData("char")]
    public async Task One_huge_line_edited_throughout_answers_bounded_and_rebuilds_both(string granularity)
    {
        var random = new Random(3);
        var words = Enumerable.Range(0, 150_000).Select(_ => new string((char)('a' + random.Next(26)), 1 + random.Next(6))).ToArray();
        var left = string.Join(' ', words);
        var right = string.Join(' ', words.Select((w, i) => i % 3 == 0 ? w.ToUpperInvariant() : w));

        var pages = await AllPagesAsync($"granularity={granularity}", left, right);

        Assert.True(pages[0].GetProperty("bounded").GetBoolean(), "a one-line diff this large is coarse and says so");
        AssertRebuilds(pages, left, right);
    }

    /// <summary>Largest answer allowed: a page of text (about a megabyte in JSON) plus the fixed overhead.</summary>
    private const int MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>Every page of the default (full) view, following <c>page.nextOffset</c>; each asserted to be modest.</summary>
    private async Task<List<JsonElement>> AllPagesAsync(string query, string left, string right)
    {
        var pages = new List<JsonElement>();
        int? offset = 0;
        while (offset is { } next)
        {
            var response = await host.Editor.PostAsJsonAsync($"/api/diff?{query}&offset={next}", new { left, right });
            var raw = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, raw.Length > 500 ? raw[..500] : raw);
            Assert.True(raw.Length <= MaxAnswerBytes, $"page at offset {next} is {raw.Length} characters");
            var page = JsonDocument.Parse(raw).RootElement;
            pages.Add(page);
            offset = page.TryGetProperty("page", out var p) && p.GetProperty("nextOffset").ValueKind == JsonValueKind.Number
                ? p.GetProperty("nextOffset").GetInt32()
                : null;
            Assert.True(pages.Count < 1000, "pages end");
        }

        return pages;
    }

    /// <summary>
    /// The operations of all pages give both texts back: left texts the left, right texts the right; where a page
    /// sends texts once (<c>page.textsInSpans</c>), equal + deleted spans give the left and equal + inserted the right.
    /// </summary>
    private static void AssertRebuilds(List<JsonElement> pages, string left, string right)
    {
        var (lefts, rights) = (new StringBuilder(), new StringBuilder());
        foreach (var page in pages)
        {
            var inSpans = page.TryGetProperty("page", out var p) && p.GetProperty("textsInSpans").GetBoolean();
            foreach (var op in page.GetProperty("operations").EnumerateArray())
            {
                string Side(string other) => string.Concat(op.GetProperty("spans").EnumerateArray()
                    .Where(s => s.GetProperty("kind").GetString() != other).Select(s => s.GetProperty("text").GetString()));
                var (kind, direction) = (op.GetProperty("kind").GetString(), op.TryGetProperty("direction", out var d) ? d.GetString() : null);
                var (l, r) = (op.GetProperty("leftText").GetString()!, op.GetProperty("rightText").GetString()!);
                if (inSpans && kind != "equal")
                {
                    (l, r) = (direction == "to" ? "" : Side("inserted"), direction == "from" ? "" : Side("deleted"));
                }
                else if (inSpans)
                {
                    r = l;
                }
                else if (kind is "changed" or "moved")
                {
                    // Spans hold the same texts as the operation.
                    Assert.Equal(l, direction == "to" ? l : Side("inserted"));
                    Assert.Equal(r, direction == "from" ? r : Side("deleted"));
                }

                lefts.Append(l);
                rights.Append(r);
            }
        }

        Assert.Equal(left, lefts.ToString());
        Assert.Equal(right, rights.ToString());
    }

    /// <summary>
    /// Distinct 8-character lines that all hash alike under the engine's former fixed, unseeded interner hash
    /// (FxHash over 64-bit words): the second word of each line is chosen to cancel the first (bench/diff/make_texts.py).
    /// </summary>
    private static List<string> CollidingLines(int count)
    {
        const ulong seed = 0x517CC1B727220A95;
        var random = new Random(1962);
        var target = (ulong)random.NextInt64();
        static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));
        static bool Letter(int c) => c is >= 0x3400 and <= 0x9FFF or >= 0xAC00 and <= 0xD7A3;
        var lines = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (lines.Count < count)
        {
            var first = new char[4];
            for (var k = 0; k < 4; k++)
            {
                int c;
                do
                {
                    c = random.Next(0x3400, 0xD7A4);
                }
                while (!Letter(c));
                first[k] = (char)c;
            }

            ulong word = 0;
            for (var k = 0; k < 4; k++)
            {
                word |= (ulong)first[k] << (16 * k);
            }

            var w = Rotl((Rotl(9, 5) ^ word) * seed, 5) ^ target;
            var second = Enumerable.Range(0, 4).Select(k => (char)((w >> (16 * k)) & 0xFFFF)).ToArray();
            var line = new string(first) + new string(second);
            if (second.All(c => Letter(c)) && line.IsNormalized(NormalizationForm.FormC) && seen.Add(new string(first)))
            {
                lines.Add(line + "\n");
            }
        }

        return lines;
    }
}
