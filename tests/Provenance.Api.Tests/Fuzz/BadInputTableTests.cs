using System.Globalization;
using System.Text;
using Provenance.Testing;
using Xunit.Sdk;

namespace Provenance.Api.Tests.Fuzz;

/// <summary>
/// Named bad inputs for the importer, the diff endpoint, the revision endpoint and the GET routes:
/// each must be answered below 500, within the timeout, and as a problem document when it is an error.
/// Every case runs even when one fails, so a run lists all of them.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class BadInputTableTests(FuzzHost host)
{
    private const string Imports = "POST /api/imports";
    private const string Diff = "POST /api/diff";
    private const string Revisions = "POST /api/translations/{id}/revisions";
    private const string Gets = "GET (ids and queries)";
    private const int Deep = 10_000;

    private static readonly string RevisionsPath = $"/api/translations/{FuzzHost.TranslationId}/revisions";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static string Submission(string text, string summary = "Fuzz", string extra = "") =>
        $$"""{"baseRevisionId":{{FuzzHost.RevisionId}},"text":{{text}},"summary":"{{summary}}"{{extra}}}""";

    private async Task RunAllAsync(IEnumerable<(string Area, string Tried, Func<HttpRequestMessage> Request, HttpClient? Client)> cases)
    {
        var failures = new List<string>();
        foreach (var (area, tried, request, client) in cases)
        {
            try
            {
                using var message = request();
                await host.ProbeAsync(area, tried, message, client);
            }
            catch (XunitException e)
            {
                failures.Add($"{area} / {tried}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public Task Importer_answers_bad_records_with_problems()
    {
        var seed = Records.Seed();
        var (head, body) = SplitSeed(seed);
        const string md = "text/markdown";
        return RunAllAsync(
        [
            (Imports, "empty body", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", [], md), null),
            (Imports, "whitespace only", () => FuzzHost.Post("/api/imports", " \n\t\n ", md), null),
            (Imports, "one word", () => FuzzHost.Post("/api/imports", "hello", md), null),
            (Imports, "the seed record again", () => FuzzHost.Post("/api/imports", seed, md), null),
            (Imports, "invalid UTF-8 (C3 28)", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Concat(Utf8(seed[..200]), [0xC3, 0x28]), md), null),
            (Imports, "invalid UTF-8 (FF FE FD)", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", [0xFF, 0xFE, 0xFD], md), null),
            (Imports, "overlong UTF-8 (C0 AF)", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Concat(Utf8(seed), [0xC0, 0xAF]), md), null),
            (Imports, "UTF-8-encoded surrogate (ED A0 80)", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Concat(Utf8(head), [0xED, 0xA0, 0x80], Utf8(body)), md), null),
            (Imports, "UTF-16 LE body", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(seed)).ToArray(), md), null),
            (Imports, "NUL byte in the body text", () => FuzzHost.Post("/api/imports", Retitle(head, "NUL body") + "A line with a NUL \0 inside.\n\n" + body, md), null),
            (Imports, "NUL byte in the title", () => FuzzHost.Post("/api/imports", Retitle(head, "Title with \0 NUL") + body, md), null),
            (Imports, "only NUL bytes", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", new byte[4096], md), null),
            (Imports, "title of 5,000 characters", () => FuzzHost.Post("/api/imports", Retitle(head, Repeat("Long title ", 455)) + body, md), null),
            (Imports, "archive code of 100 characters", () => FuzzHost.Post("/api/imports", Retitle(head, "Long archive").Replace("AVP RF", new string('A', 100), StringComparison.Ordinal) + body.Replace("AVP RF", new string('A', 100), StringComparison.Ordinal), md), null),
            (Imports, "translator name of 400 characters", () => FuzzHost.Post("/api/imports", Retitle(head, "Long translator") + body.Replace("Mark H. Doctoroff", Repeat("Doctoroff ", 40), StringComparison.Ordinal), md), null),
            (Imports, "date text of 500 characters", () => FuzzHost.Post("/api/imports", Redate(Retitle(head, "Long date"), Repeat("October ", 60) + "24, 1962") + body, md), null),
            ($"{Imports}", $"{Deep:N0}-deep block quotes", () => FuzzHost.Post("/api/imports", Repeat("> ", Deep) + "x", md), null),
            (Imports, $"{Deep:N0}-deep nested list", () => FuzzHost.Post("/api/imports", Retitle(head, "Nested list") + Repeat("- ", Deep) + "item\n\n" + body, md), null),
            (Imports, $"{Deep:N0} open brackets and emphasis", () => FuzzHost.Post("/api/imports", Retitle(head, "Brackets") + Repeat("[*_", Deep) + "\n\n" + body, md), null),
            (Imports, "1 MiB line without a newline", () => FuzzHost.Post("/api/imports", Retitle(head, "Long line") + Repeat("word ", 200_000) + "\n\n" + body, md), null),
            (Imports, "4 MiB + 1 byte (limit + 1)", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Enumerable.Repeat((byte)'a', (4 * 1024 * 1024) + 1).ToArray(), md), null),
            (Imports, "Content-Type application/json", () => FuzzHost.Post("/api/imports", seed, "application/json"), null),
            (Imports, "Content-Type image/png", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", [0x89, 0x50, 0x4E, 0x47], "image/png"), null),
            (Imports, "no Content-Type", () => FuzzHost.Raw(HttpMethod.Post, "/api/imports", Utf8(seed), null), null),
            (Imports, "Content-Type garbage (`;;;`)", () => FuzzHost.Post("/api/imports", seed, ";;;"), null),
            (Imports, "Content-Type text/markdown; charset=latin1", () => FuzzHost.Post("/api/imports", seed, "text/markdown; charset=latin1"), null),
            (Imports, "multipart/form-data", () => FuzzHost.Post("/api/imports", "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + seed + "\r\n--x--", "multipart/form-data; boundary=x"), null),
            (Imports, "no API key", () => FuzzHost.Post("/api/imports", seed, md), host.Anonymous),
        ]);
    }

    [Fact]
    public Task Diff_endpoint_answers_bad_bodies_and_queries_with_problems()
    {
        const string ok = """{"left":"a b c","right":"a c d"}""";
        return RunAllAsync(
        [
            (Diff, "`{}`", () => FuzzHost.Post("/api/diff", "{}"), null),
            (Diff, "`{\"left\": 5}`", () => FuzzHost.Post("/api/diff", """{"left": 5}"""), null),
            (Diff, "`{\"left\":\"a\",\"right\":[\"b\"]}`", () => FuzzHost.Post("/api/diff", """{"left":"a","right":["b"]}"""), null),
            (Diff, "`[]`, `null`, `5`, `\"s\"`", () => FuzzHost.Post("/api/diff", "[]"), null),
            (Diff, "`[]`, `null`, `5`, `\"s\"`", () => FuzzHost.Post("/api/diff", "null"), null),
            (Diff, "`[]`, `null`, `5`, `\"s\"`", () => FuzzHost.Post("/api/diff", "5"), null),
            (Diff, "`[]`, `null`, `5`, `\"s\"`", () => FuzzHost.Post("/api/diff", "\"s\""), null),
            (Diff, "truncated JSON", () => FuzzHost.Post("/api/diff", """{"left":"a","rig"""), null),
            (Diff, "single quotes, trailing comma, comments", () => FuzzHost.Post("/api/diff", "{'left':'a',}"), null),
            (Diff, "single quotes, trailing comma, comments", () => FuzzHost.Post("/api/diff", """{"left":"a","right":"b",}"""), null),
            (Diff, "single quotes, trailing comma, comments", () => FuzzHost.Post("/api/diff", """{"left":"a", /* c */ "right":"b"}"""), null),
            (Diff, "empty body", () => FuzzHost.Post("/api/diff", ""), null),
            (Diff, "UTF-8 BOM before the JSON", () => FuzzHost.Raw(HttpMethod.Post, "/api/diff", Concat([0xEF, 0xBB, 0xBF], Utf8(ok)), "application/json"), null),
            (Diff, "invalid UTF-8 inside a string", () => FuzzHost.Raw(HttpMethod.Post, "/api/diff", Concat(Utf8("{\"left\":\"a"), [0xC3, 0x28], Utf8("\",\"right\":\"b\"}")), "application/json"), null),
            (Diff, "lone high surrogate escape `\\ud800`", () => FuzzHost.Post("/api/diff", """{"left":"a\ud800b","right":"b"}"""), null),
            (Diff, "lone low surrogate escape `\\udc00`", () => FuzzHost.Post("/api/diff", """{"left":"a","right":"\udc00"}"""), null),
            (Diff, "reversed surrogate pair `\\udc00\\ud800`", () => FuzzHost.Post("/api/diff", """{"left":"\udc00\ud800","right":"x"}"""), null),
            (Diff, "NUL escape `\\u0000` in a text", () => FuzzHost.Post("/api/diff", """{"left":"a\u0000b","right":"ab"}"""), null),
            (Diff, $"{Deep:N0}-deep nested arrays", () => FuzzHost.Post("/api/diff", Repeat("[", Deep) + Repeat("]", Deep)), null),
            (Diff, $"{Deep:N0}-deep objects in an unknown field", () => FuzzHost.Post("/api/diff", """{"left":"a","right":"b","x":""" + Repeat("{\"a\":", Deep) + "1" + Repeat("}", Deep) + "}"), null),
            (Diff, "number 1e999 in an unknown field", () => FuzzHost.Post("/api/diff", """{"left":"a","right":"b","x":1e999}"""), null),
            (Diff, "duplicate keys", () => FuzzHost.Post("/api/diff", """{"left":"a","left":"b","right":"c"}"""), null),
            (Diff, "left of 4 MiB + 1 byte (limit + 1)", () => FuzzHost.Post("/api/diff", $$"""{"left":"{{new string('a', (4 * 1024 * 1024) + 1)}}","right":"b"}"""), null),
            (Diff, "two 1 MiB one-word-per-line texts, word diff", () => FuzzHost.Post("/api/diff?granularity=char", $$"""{"left":"{{Repeat("ab\\n", 300_000)}}","right":"{{Repeat("ba\\n", 300_000)}}"}"""), null),
            (Diff, "Content-Type text/plain", () => FuzzHost.Post("/api/diff", ok, "text/plain"), null),
            (Diff, "no Content-Type", () => FuzzHost.Raw(HttpMethod.Post, "/api/diff", Utf8(ok), null), null),
            (Diff, "Content-Type application/json; charset=utf-16", () => FuzzHost.Post("/api/diff", ok, "application/json; charset=utf-16"), null),
            (Diff, "granularity=xyz, format=<script>", () => FuzzHost.Post("/api/diff?granularity=xyz&format=%3Cscript%3E", ok), null),
            (Diff, "granularity=1 (an enum number)", () => FuzzHost.Post("/api/diff?granularity=1", ok), null),
            (Diff, "context=-1, 10001, abc, 99999999999", () => FuzzHost.Post("/api/diff?context=-1", ok), null),
            (Diff, "context=-1, 10001, abc, 99999999999", () => FuzzHost.Post("/api/diff?context=10001", ok), null),
            (Diff, "context=-1, 10001, abc, 99999999999", () => FuzzHost.Post("/api/diff?context=abc", ok), null),
            (Diff, "context=-1, 10001, abc, 99999999999", () => FuzzHost.Post("/api/diff?context=99999999999", ok), null),
            (Diff, "repeated query parameters", () => FuzzHost.Post("/api/diff?format=json&format=html&context=1&context=2", ok), null),
        ]);
    }

    [Fact]
    public Task Revision_endpoint_answers_bad_submissions_with_problems()
    {
        static HttpRequestMessage WithIfMatch(string ifMatch)
        {
            var request = FuzzHost.Post(RevisionsPath, """{"text":"An edit.","summary":"If-Match fuzz"}""");
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return request;
        }

        var valid = Submission("\"A new text.\"");
        return RunAllAsync(
        [
            (Revisions, "unknown translation id 999999", () => FuzzHost.Post("/api/translations/999999/revisions", valid), null),
            (Revisions, "translation id 0 and -1", () => FuzzHost.Post("/api/translations/0/revisions", valid), null),
            (Revisions, "translation id 0 and -1", () => FuzzHost.Post("/api/translations/-1/revisions", valid), null),
            (Revisions, "translation id beyond long (99999999999999999999)", () => FuzzHost.Post("/api/translations/99999999999999999999/revisions", valid), null),
            (Revisions, "translation id `abc`, `1e3`", () => FuzzHost.Post("/api/translations/abc/revisions", valid), null),
            (Revisions, "translation id `abc`, `1e3`", () => FuzzHost.Post("/api/translations/1e3/revisions", valid), null),
            (Revisions, "`{}`", () => FuzzHost.Post(RevisionsPath, "{}"), null),
            (Revisions, "`[]`, `null`, `\"s\"`", () => FuzzHost.Post(RevisionsPath, "[]"), null),
            (Revisions, "`[]`, `null`, `\"s\"`", () => FuzzHost.Post(RevisionsPath, "null"), null),
            (Revisions, "`[]`, `null`, `\"s\"`", () => FuzzHost.Post(RevisionsPath, "\"s\""), null),
            (Revisions, "truncated JSON", () => FuzzHost.Post(RevisionsPath, valid[..20]), null),
            (Revisions, "empty body", () => FuzzHost.Post(RevisionsPath, ""), null),
            (Revisions, "text of the wrong type (5, [], {})", () => FuzzHost.Post(RevisionsPath, Submission("5")), null),
            (Revisions, "text of the wrong type (5, [], {})", () => FuzzHost.Post(RevisionsPath, Submission("[]")), null),
            (Revisions, "text of the wrong type (5, [], {})", () => FuzzHost.Post(RevisionsPath, Submission("{}")), null),
            (Revisions, "text with a NUL escape", () => FuzzHost.Post(RevisionsPath, Submission("\"a\\u0000b\"")), null),
            (Revisions, "text with a lone surrogate escape", () => FuzzHost.Post(RevisionsPath, Submission("\"a\\ud800b\"")), null),
            (Revisions, "summary with a lone surrogate escape", () => FuzzHost.Post(RevisionsPath, Submission("\"Some text.\"", "a\\udfffb")), null),
            (Revisions, "invalid UTF-8 in the text", () => FuzzHost.Raw(HttpMethod.Post, RevisionsPath, Concat(Utf8("{\"baseRevisionId\":1,\"summary\":\"s\",\"text\":\"a"), [0xFF, 0xC3], Utf8("\"}")), "application/json"), null),
            (Revisions, "baseRevisionId as a string, 1.5, 1e30, -5, 0", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":"1","text":"t","summary":"s"}"""), null),
            (Revisions, "baseRevisionId as a string, 1.5, 1e30, -5, 0", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":1.5,"text":"t","summary":"s"}"""), null),
            (Revisions, "baseRevisionId as a string, 1.5, 1e30, -5, 0", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":1e30,"text":"t","summary":"s"}"""), null),
            (Revisions, "baseRevisionId as a string, 1.5, 1e30, -5, 0", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":-5,"text":"t","summary":"s"}"""), null),
            (Revisions, "baseRevisionId as a string, 1.5, 1e30, -5, 0", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":0,"text":"t","summary":"s"}"""), null),
            (Revisions, "unknown baseRevisionId 99999999", () => FuzzHost.Post(RevisionsPath, """{"baseRevisionId":99999999,"text":"t","summary":"s"}"""), null),
            (Revisions, "no base (neither body nor If-Match)", () => FuzzHost.Post(RevisionsPath, """{"text":"t","summary":"s"}"""), null),
            (Revisions, "If-Match `*`", () => WithIfMatch("*"), null),
            (Revisions, "If-Match `rev-1` unquoted, `W/\"rev-1\"`, `\"rev-abc\"`, `\"rev-\"`", () => WithIfMatch("rev-1"), null),
            (Revisions, "If-Match `rev-1` unquoted, `W/\"rev-1\"`, `\"rev-abc\"`, `\"rev-\"`", () => WithIfMatch("W/\"rev-1\""), null),
            (Revisions, "If-Match `rev-1` unquoted, `W/\"rev-1\"`, `\"rev-abc\"`, `\"rev-\"`", () => WithIfMatch("\"rev-abc\""), null),
            (Revisions, "If-Match `rev-1` unquoted, `W/\"rev-1\"`, `\"rev-abc\"`, `\"rev-\"`", () => WithIfMatch("\"rev-\""), null),
            (Revisions, "If-Match beyond long, negative, two ETags", () => WithIfMatch("\"rev-99999999999999999999\""), null),
            (Revisions, "If-Match beyond long, negative, two ETags", () => WithIfMatch("\"rev--1\""), null),
            (Revisions, "If-Match beyond long, negative, two ETags", () => WithIfMatch("\"rev-1\", \"rev-2\""), null),
            (Revisions, "If-Match of an unknown revision", () => WithIfMatch("\"rev-99999999\""), null),
            (Revisions, "citations not an array / numbers / 51 entries", () => FuzzHost.Post(RevisionsPath, Submission("\"Cited text.\"", extra: ",\"citations\":\"x\"")), null),
            (Revisions, "citations not an array / numbers / 51 entries", () => FuzzHost.Post(RevisionsPath, Submission("\"Cited text.\"", extra: ",\"citations\":[1,2]")), null),
            (Revisions, "citations not an array / numbers / 51 entries", () => FuzzHost.Post(RevisionsPath, Submission("\"Cited text.\"", extra: ",\"citations\":[" + string.Join(',', Enumerable.Repeat("{\"kind\":\"editorial\",\"note\":\"n\"}", 51)) + "]")), null),
            (Revisions, "citation url javascript:, year 0, NUL in a note", () => FuzzHost.Post(RevisionsPath, Submission("\"Cited text.\"", extra: ",\"citations\":[{\"kind\":\"published\",\"url\":\"javascript:alert(1)\",\"year\":0,\"note\":\"a\\u0000\"}]")), null),
            (Revisions, "summary of 1,001 characters", () => FuzzHost.Post(RevisionsPath, Submission("\"Long summary text.\"", new string('s', 1001))), null),
            (Revisions, $"{Deep:N0}-deep nested arrays in the text", () => FuzzHost.Post(RevisionsPath, Submission(Repeat("[", Deep) + Repeat("]", Deep))), null),
            (Revisions, "text of 4 MiB + 1 byte (limit + 1)", () => FuzzHost.Post(RevisionsPath, Submission($"\"{new string('a', (4 * 1024 * 1024) + 1)}\"")), null),
            (Revisions, "body of 9 MiB + 1 byte (body limit + 1)", () => FuzzHost.Post(RevisionsPath, Submission("\"t\"", extra: $",\"pad\":\"{new string(' ', 9 * 1024 * 1024)}\"")), null),
            (Revisions, "Content-Type text/plain", () => FuzzHost.Post(RevisionsPath, valid, "text/plain"), null),
            (Revisions, "no Content-Type", () => FuzzHost.Raw(HttpMethod.Post, RevisionsPath, Utf8(valid), null), null),
            (Revisions, "no API key", () => FuzzHost.Post(RevisionsPath, valid), host.Anonymous),
        ]);
    }

    [Fact]
    public Task Get_routes_answer_junk_ids_and_queries_with_problems()
    {
        string[] paths =
        [
            "/api/revisions/abc", "/api/revisions/-1", "/api/revisions/0", "/api/revisions/99999999999999999999", "/api/revisions/999999",
            "/api/revisions/1/diff/999999", "/api/revisions/1/diff/abc", "/api/revisions/-1/diff/-2", "/api/revisions/1/diff/1?context=-5&granularity=%00",
            "/api/translations/0", "/api/translations/999999/revisions", "/api/translations/1/text?revision=xyz", "/api/translations/999999/text",
            "/api/documents/-5", "/api/documents/99999999999999999999", "/api/documents/1/compare?left=abc&right=1", "/api/documents/1/compare?left=999999&right=1",
            "/api/documents/1/collation?translations=abc", "/api/documents/1/collation?translations=1,1", "/api/documents/1/collation?translations=999999,1",
            "/api/documents/1/collation?translations=%00", "/api/documents/1/collation?format=%00", "/api/documents/999999/collation",
            "/api/documents?page=-1&pageSize=100000", "/api/documents?page=99999999999", "/api/documents?from=garbage&to=1962-13-45",
            "/api/documents?q=%00", "/api/documents?q=%ED%A0%80", "/api/documents?q=" + Repeat("x", 10_000), "/api/documents?q=!!!%26%26(((",
            "/api/documents?language=%00&archive=%00&translator=%00",
        ];
        return RunAllAsync(paths.Select(p => (Gets, $"`{(p.Length > 70 ? p[..70] + "…" : p)}`", (Func<HttpRequestMessage>)(() => FuzzHost.Get(p)), (HttpClient?)null)));
    }

    /// <summary>The seed split before its first body paragraph ("#### CIPHERED TELEGRAM").</summary>
    private static (string Head, string Body) SplitSeed(string seed)
    {
        var at = seed.IndexOf("#### CIPHERED TELEGRAM", StringComparison.Ordinal);
        Assert.True(at > 0, "The seed changed shape.");
        return (seed[..at], seed[at..]);
    }

    private static int _titles;

    /// <summary>A new title (and so a new record identity) without a publisher URL clash.</summary>
    private static string Retitle(string head, string title)
    {
        var lines = head.Split('\n').ToList();
        var titleLine = lines.FindIndex(l => l.StartsWith("**Telegram", StringComparison.Ordinal));
        Assert.True(titleLine >= 0, "The seed's title line changed.");
        var n = Interlocked.Increment(ref _titles).ToString(CultureInfo.InvariantCulture);
        lines[titleLine] = $"**{title} {n}**";
        // Drop the citation (it names the publisher URL, the record's identity).
        return string.Join('\n', lines.Where(l => !l.Contains("digitalarchive", StringComparison.Ordinal)));
    }

    private static string Redate(string head, string date) =>
        head.Replace("**October 24, 1962**", $"**{date}**", StringComparison.Ordinal);
}
