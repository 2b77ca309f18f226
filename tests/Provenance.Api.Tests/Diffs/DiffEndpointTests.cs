using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Diffs;

[Collection(ApiCollection.Name)]
public sealed class DiffEndpointTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private long _documentId;
    private long _firstRevision;
    private long _secondRevision;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        var first = await HttpAssert.JsonAsync(await Import(Records.Seed()), HttpStatusCode.Created);
        var second = await HttpAssert.JsonAsync(await Import(RevisedSeed()), HttpStatusCode.Created);
        _documentId = first.GetProperty("documentId").GetInt64();
        _firstRevision = first.GetProperty("revisionId").GetInt64();
        _secondRevision = second.GetProperty("revisionId").GetInt64();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<HttpResponseMessage> Import(string record) =>
        _host.Editor.PostAsync("/api/imports", new StringContent(record, Encoding.UTF8, "text/markdown"));

    /// <summary>The seed with one word changed, one editorial mark added and the closing paragraph moved up.</summary>
    private static string RevisedSeed()
    {
        var seed = Records.Seed()
            .Replace("somewhat strange impression", "rather strange impression", StringComparison.Ordinal)
            .Replace("took the corresponding declarations", "took the corresponding[?] declarations", StringComparison.Ordinal);
        const string moved = "I once again set forth to him our position in the above-mentioned spirit.\n\n";
        seed = seed.Replace(moved, "", StringComparison.Ordinal);
        return seed.Replace("#### CIPHERED TELEGRAM\n\n", "#### CIPHERED TELEGRAM\n\n" + moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_diff_shows_the_word_change_the_editorial_mark_and_the_move()
    {
        var diff = await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}"));
        Assert.Equal(_firstRevision, diff.GetProperty("left").GetProperty("revisionId").GetInt64());
        var operations = diff.GetProperty("operations").EnumerateArray().ToList();
        var spans = operations.SelectMany(o => o.GetProperty("spans").EnumerateArray()).ToList();

        Assert.Contains(spans, s => s.GetProperty("kind").GetString() == "deleted" && s.GetProperty("text").GetString() == "somewhat");
        Assert.Contains(spans, s => s.GetProperty("kind").GetString() == "inserted" && s.GetProperty("text").GetString() == "rather");
        Assert.Contains(spans, s => s.GetProperty("kind").GetString() == "inserted" && s.GetProperty("editorial").GetBoolean());
        var moves = operations.Where(o => o.GetProperty("kind").GetString() == "moved").ToList();
        Assert.Equal(2, moves.Count);
        Assert.Equal(moves[0].GetProperty("moveId").GetInt32(), moves[1].GetProperty("moveId").GetInt32());

        var stats = diff.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("wordsInserted").GetInt32());
        Assert.Equal(1, stats.GetProperty("wordsDeleted").GetInt32());
        Assert.True(stats.GetProperty("wordsMoved").GetInt32() > 5);
        Assert.Equal(1, stats.GetProperty("editorialChanges").GetInt32());
    }

    [Fact]
    public async Task Unified_revision_diff_is_applied_by_gnu_patch_to_give_the_new_text()
    {
        var response = await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?format=unified&context=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/x-diff", response.Content.Headers.ContentType?.MediaType);
        var patch = await response.Content.ReadAsStringAsync();

        var oldText = (await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}"))).GetProperty("text").GetString()!;
        var newText = (await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_secondRevision}"))).GetProperty("text").GetString()!;
        var dir = Directory.CreateTempSubdirectory("provenance-patch-");
        try
        {
            var file = Path.Combine(dir.FullName, "text");
            await File.WriteAllTextAsync(file, oldText, new UTF8Encoding(false));
            await File.WriteAllTextAsync(file + ".patch", patch, new UTF8Encoding(false));
            using var process = Process.Start(new ProcessStartInfo("patch", ["-s", "-F0", file, file + ".patch"]) { RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(newText, await File.ReadAllTextAsync(file));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Html_revision_diff_marks_insertions_and_deletions()
    {
        var response = await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?format=html");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("somewhat</del>", html, StringComparison.Ordinal);
        Assert.Contains("rather</ins>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_diff_of_two_texts_at_char_granularity()
    {
        var response = await _host.Editor.PostAsJsonAsync("/api/diff?granularity=char", new { left = "Хрущев said 12.", right = "Хрущёв said 12." });
        var diff = await HttpAssert.JsonAsync(response);
        Assert.Equal(JsonValueKind.Null, diff.GetProperty("left").ValueKind);
        var spans = diff.GetProperty("operations")[0].GetProperty("spans").EnumerateArray().ToList();
        Assert.Contains(spans, s => s.GetProperty("kind").GetString() == "deleted" && s.GetProperty("text").GetString() == "е");
        Assert.Contains(spans, s => s.GetProperty("kind").GetString() == "inserted" && s.GetProperty("text").GetString() == "ё");
    }

    [Fact]
    public async Task Preview_of_identical_texts_in_other_encodings_has_no_change()
    {
        var diff = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/diff",
            new { left = "Cafe\u0301\r\nline two\r\n", right = "Caf\u00e9\nline two\n" }));
        Assert.All(diff.GetProperty("operations").EnumerateArray(), o => Assert.Equal("equal", o.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("granularity=sentence", "granularity")]
    [InlineData("format=pdf", "format")]
    [InlineData("context=-1", "context")]
    [InlineData("view=table", "view")]
    [InlineData("collapse=-1", "collapse")]
    public async Task Bad_diff_parameters_are_problems_naming_them(string query, string field)
    {
        var problem = await HttpAssert.ProblemAsync(
            await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Diff_of_an_unknown_revision_is_404() =>
        await HttpAssert.ProblemAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/987654"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Preview_without_right_is_422_naming_it()
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/diff", new { left = "x" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("right", out _));
    }

    [Fact]
    public async Task Malformed_preview_json_is_400() =>
        await HttpAssert.ProblemAsync(await _host.Editor.PostAsync("/api/diff",
            new StringContent("{\"left\": \"x\", ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("{\"left\": 5, \"right\": \"b\"}", "left")]
    [InlineData("{\"left\": \"a\", \"right\": [\"b\"]}", "right")]
    public async Task Preview_field_of_the_wrong_type_is_422_naming_it(string json, string field)
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsync("/api/diff",
            new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Preview_texts_over_the_limit_are_413()
    {
        var big = new string('a', 4 * 1024 * 1024 + 1);
        await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/diff", new { left = big, right = "b" }), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Completely_different_large_texts_answer_bounded()
    {
        var random = new Random(7);
        string Words(string alphabet) => string.Join(' ', Enumerable.Range(0, 60_000).Select(i =>
            (i % 12 == 11 ? "\n" : "") + new string(Enumerable.Range(0, 5).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())));
        var diff = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/diff?granularity=word",
            new { left = Words("abcdefghij"), right = Words("клмнопрсту") }));
        Assert.True(diff.GetProperty("bounded").GetBoolean());
        Assert.False(string.IsNullOrEmpty(diff.GetProperty("boundedReason").GetString()));
    }

    [Theory]
    [InlineData("view=inline", true, false)]
    [InlineData("view=side-by-side", false, true)]
    [InlineData("view=full", true, true)]
    [InlineData("view=compact", true, false)]
    [InlineData("", true, true)]
    public async Task View_sends_only_the_parts_a_layout_needs(string query, bool operations, bool rows)
    {
        var diff = await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?{query}"));
        Assert.Equal(operations, diff.TryGetProperty("operations", out _));
        Assert.Equal(rows, diff.TryGetProperty("rows", out _));
        Assert.True(diff.GetProperty("stats").GetProperty("wordsMoved").GetInt32() > 5);
    }

    [Fact]
    public async Task Collapse_folds_long_unchanged_stretches_but_keeps_changes_and_moves()
    {
        var full = await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?view=inline"));
        var folded = await HttpAssert.JsonAsync(await _host.Editor.GetAsync($"/api/revisions/{_firstRevision}/diff/{_secondRevision}?collapse=1"));
        var ops = folded.GetProperty("operations").EnumerateArray().ToList();
        var foldedOps = ops.Where(o => o.TryGetProperty("folded", out var f) && f.GetBoolean()).ToList();
        Assert.NotEmpty(foldedOps);
        Assert.All(foldedOps, o => Assert.Equal("", o.GetProperty("leftText").GetString()));
        Assert.Equal(2, ops.Count(o => o.GetProperty("kind").GetString() == "moved"));
        Assert.Equal(
            full.GetProperty("operations").EnumerateArray().Where(o => o.GetProperty("kind").GetString() != "equal").Select(o => o.GetRawText()),
            ops.Where(o => o.GetProperty("kind").GetString() != "equal").Select(o => o.GetRawText()));
        var rows = folded.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.TryGetProperty("folded", out var n) && n.GetInt32() > 1);
        Assert.Equal(full.GetProperty("stats").GetRawText(), folded.GetProperty("stats").GetRawText());
    }

    [Fact]
    public async Task Preview_body_with_a_byte_order_mark_and_escapes_is_read()
    {
        var json = "\uFEFF{\"left\": \"a \\u00e9\\n\", \"Right\": \"b \u00e9\\n\"}";
        var diff = await HttpAssert.JsonAsync(await _host.Editor.PostAsync("/api/diff?view=inline",
            new StringContent(json, new UTF8Encoding(false), "application/json")));
        var op = diff.GetProperty("operations").EnumerateArray().Single();
        Assert.Equal("a \u00e9\n", op.GetProperty("leftText").GetString());
        Assert.Equal("b \u00e9\n", op.GetProperty("rightText").GetString());
    }

    [Fact]
    public async Task Compact_view_sends_every_text_once()
    {
        var url = $"/api/revisions/{_firstRevision}/diff/{_secondRevision}";
        var inline = await HttpAssert.JsonAsync(await _host.Editor.GetAsync(url + "?view=inline"));
        var compact = await HttpAssert.JsonAsync(await _host.Editor.GetAsync(url + "?view=compact"));
        var full = inline.GetProperty("operations").EnumerateArray().ToList();
        var once = compact.GetProperty("operations").EnumerateArray().ToList();
        Assert.Equal(full.Count, once.Count);
        Assert.Equal(inline.GetProperty("stats").GetRawText(), compact.GetProperty("stats").GetRawText());

        string Rebuild(JsonElement op, string other) => string.Concat(op.GetProperty("spans").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() != other).Select(s => s.GetProperty("text").GetString()));
        foreach (var (before, after) in full.Zip(once))
        {
            Assert.Equal(before.GetProperty("spans").GetRawText(), after.GetProperty("spans").GetRawText());
            Assert.Equal("", after.GetProperty("rightText").GetString());
            var (leftText, rightText) = (before.GetProperty("leftText").GetString()!, before.GetProperty("rightText").GetString()!);
            if (after.GetProperty("kind").GetString() == "equal")
            {
                // Equal operations have no spans: their one text is the left one.
                Assert.Equal(leftText, after.GetProperty("leftText").GetString());
                Assert.Equal(leftText, rightText);
                continue;
            }

            // Everything else is in the spans: equal + deleted give the left text, equal + inserted the right.
            Assert.Equal("", after.GetProperty("leftText").GetString());
            if (leftText.Length > 0)
            {
                Assert.Equal(leftText, Rebuild(after, "inserted"));
            }

            if (rightText.Length > 0)
            {
                Assert.Equal(rightText, Rebuild(after, "deleted"));
            }
        }

        Assert.Contains(once, o => o.GetProperty("kind").GetString() == "changed");
        Assert.Contains(once, o => o.GetProperty("kind").GetString() == "equal");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Preview_body_is_read_with_or_without_a_content_length(bool withLength)
    {
        // Chunked bodies (no Content-Length) are deserialized from the stream; others are read whole first.
        var json = Encoding.UTF8.GetBytes("\uFEFF{\"left\": \"one two\\n\", \"right\": \"one three\\n\"}");
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Body = new MemoryStream(json);
        context.Request.ContentLength = withLength ? json.Length : null;
        var body = await Provenance.Api.Diffs.DiffEndpoints.ReadBodyAsync(context.Request, 1024, CancellationToken.None);
        Assert.Equal("one two\n", body!.Left);
        Assert.Equal("one three\n", body.Right);
    }

    [Fact]
    public async Task Cyrillic_text_is_written_as_utf8_not_escaped()
    {
        var response = await _host.Editor.PostAsJsonAsync("/api/diff?view=inline", new { left = "Поздно ночью <b>\n", right = "Поздно вечером <b>\n" });
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Поздно", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u041F", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
    }
}
