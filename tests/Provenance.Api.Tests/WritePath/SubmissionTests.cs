using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Tests.Support;
using Provenance.Data.Entities;
using Provenance.Testing;
using Provenance.Text;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class SubmissionTests(SmallTextsHost host) : IClassFixture<SmallTextsHost>, IAsyncLifetime
{
    private HttpClient _editor = null!;
    private HttpClient _otherEditor = null!;

    public async Task InitializeAsync()
    {
        _editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        _otherEditor = host.Client(await host.KeyAsync("Olga Editor", "editor"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Submitting_against_the_head_creates_a_proposed_revision_with_location_and_etag()
    {
        var t = await host.CreateTranslationAsync();
        var text = Edit(t.Text, "We talked alone.", "We spoke alone.");

        var response = await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text, summary = "Wording" });
        var revision = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal($"/api/revisions/{Id(revision)}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"rev-{Id(revision)}\"", response.Headers.ETag?.ToString());
        Assert.Equal(2, revision.GetProperty("number").GetInt32());
        Assert.Equal(t.RootRevisionId, revision.GetProperty("parentId").GetInt64());
        Assert.Equal("proposed", revision.GetProperty("status").GetString());
        Assert.False(revision.GetProperty("merged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, revision.GetProperty("baseRevisionId").ValueKind);
        Assert.Equal("Ed Editor", revision.GetProperty("author").GetString());
        Assert.Equal(text, revision.GetProperty("text").GetString());

        // The head moves; the published revision waits for a reviewer.
        var translation = await host.TranslationAsync(t.TranslationId);
        Assert.Equal(Id(revision), translation.HeadRevisionId);
        Assert.Equal(t.RootRevisionId, translation.CurrentRevisionId);

        var audit = Assert.Single(await host.AuditAsync(t.DocumentId));
        Assert.Equal(("revision.submitted", "Ed Editor", Id(revision)), (audit.Action, audit.ActorName, audit.EntityId!.Value));
    }

    [Fact]
    public async Task The_base_may_be_given_as_if_match_with_the_revision_etag()
    {
        var t = await host.CreateTranslationAsync();
        var etag = (await host.Client().GetAsync($"/api/revisions/{t.RootRevisionId}")).Headers.ETag!.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/translations/{t.TranslationId}/revisions")
        {
            Content = JsonContent.Create(new { text = t.Text + "\nPostscript.", summary = "Postscript" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        var revision = await HttpAssert.JsonAsync(await _editor.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal(t.RootRevisionId, revision.GetProperty("parentId").GetInt64());
    }

    [Fact]
    public async Task Returns_428_without_a_base_revision()
    {
        var t = await host.CreateTranslationAsync();
        var problem = await HttpAssert.ProblemAsync(
            await SubmitAsync(_editor, t.TranslationId, new { text = t.Text + "\nMore.", summary = "No base" }), HttpStatusCode.PreconditionRequired);
        Assert.Contains("baseRevisionId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await host.HistoryAsync(t.TranslationId));
    }

    [Fact]
    public async Task Edits_to_different_paragraphs_from_a_stale_base_merge_into_a_revision_on_the_head()
    {
        var t = await host.CreateTranslationAsync();
        var first = await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "We talked alone.", "We spoke alone."),
            summary = "Wording in paragraph 2",
        }), HttpStatusCode.Created);

        // Olga edited revision 1 too, unaware of revision 2.
        var response = await SubmitAsync(_otherEditor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "He left for the White House.", "He then left for the White House."),
            summary = "Wording in the last paragraph",
        });
        var merged = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.True(merged.GetProperty("merged").GetBoolean());
        Assert.Equal(3, merged.GetProperty("number").GetInt32());
        Assert.Equal(Id(first), merged.GetProperty("parentId").GetInt64());
        Assert.Equal(t.RootRevisionId, merged.GetProperty("baseRevisionId").GetInt64());
        var text = merged.GetProperty("text").GetString()!;
        Assert.Contains("We spoke alone.", text, StringComparison.Ordinal);
        Assert.Contains("He then left for the White House.", text, StringComparison.Ordinal);
        Assert.Equal(TextNormalizer.Sha256Hex(text), merged.GetProperty("sha256").GetString());

        var audit = await host.AuditAsync(t.DocumentId);
        Assert.Equal(["revision.submitted", "revision.merged"], audit.Select(e => e.Action));
        using var details = JsonDocument.Parse(audit[1].Details);
        Assert.Equal(t.RootRevisionId, details.RootElement.GetProperty("baseRevisionId").GetInt64());
        Assert.Equal(Id(first), details.RootElement.GetProperty("headRevisionId").GetInt64());
        Assert.Equal("Olga Editor", audit[1].ActorName);
    }

    [Fact]
    public async Task Edits_to_different_sentences_of_one_paragraph_merge()
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "continues to quickly worsen.", "continues to worsen quickly."),
            summary = "First sentence",
        }), HttpStatusCode.Created);
        var merged = await HttpAssert.JsonAsync(await SubmitAsync(_otherEditor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "an armed Soviet ship", "a Soviet ship"),
            summary = "Second sentence",
        }), HttpStatusCode.Created);
        var text = merged.GetProperty("text").GetString()!;
        Assert.Contains("continues to worsen quickly. We have just received a report that a Soviet ship", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_409_with_the_head_and_the_conflicts_when_a_stale_edit_touches_the_same_sentence()
    {
        var t = await host.CreateTranslationAsync();
        var head = await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "I replied that I had no information about the ship.", "I replied that I knew nothing about the ship."),
            summary = "Ed's reading",
        }), HttpStatusCode.Created);

        var response = await SubmitAsync(_otherEditor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "I replied that I had no information about the ship.", "I answered that I had no information on the ship."),
            summary = "Olga's reading",
        });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Equal(Id(head), problem.GetProperty("headRevisionId").GetInt64());
        Assert.Equal(t.RootRevisionId, problem.GetProperty("baseRevisionId").GetInt64());
        Assert.False(problem.GetProperty("bounded").GetBoolean());
        Assert.Equal($"\"rev-{Id(head)}\"", response.Headers.ETag?.ToString());
        var conflict = Assert.Single(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(7, conflict.GetProperty("baseStartLine").GetInt32());
        Assert.Equal(1, conflict.GetProperty("baseLineCount").GetInt32());
        Assert.Contains("I knew nothing", conflict.GetProperty("headText").GetString(), StringComparison.Ordinal);
        Assert.Contains("I answered", conflict.GetProperty("submittedText").GetString(), StringComparison.Ordinal);
        Assert.Contains("I had no information about", conflict.GetProperty("baseText").GetString(), StringComparison.Ordinal);

        Assert.Equal(2, (await host.HistoryAsync(t.TranslationId)).Count);
        Assert.Single(await host.AuditAsync(t.DocumentId));
    }

    [Fact]
    public async Task Resubmitting_the_head_text_creates_no_revision()
    {
        var t = await host.CreateTranslationAsync();
        var edited = Edit(t.Text, "We talked alone.", "We spoke alone.");
        var created = await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = edited, summary = "Once" }), HttpStatusCode.Created);

        // Same text again, from the head, from the stale base, and with CRLF line endings: all already there.
        foreach (var (baseId, text) in new[] { (Id(created), edited), (t.RootRevisionId, edited), (Id(created), edited.Replace("\n", "\r\n", StringComparison.Ordinal)) })
        {
            var response = await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = baseId, text, summary = "Again" });
            var same = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(Id(created), Id(same));
            Assert.Equal($"\"rev-{Id(created)}\"", response.Headers.ETag?.ToString());
        }

        Assert.Equal(2, (await host.HistoryAsync(t.TranslationId)).Count);
        Assert.Single(await host.AuditAsync(t.DocumentId));
    }

    [Fact]
    public async Task Client_supplied_ids_authors_hashes_statuses_and_timestamps_are_not_stored()
    {
        var t = await host.CreateTranslationAsync();
        var text = t.Text + "\nNew line.";
        var response = await SubmitAsync(_editor, t.TranslationId, new
        {
            id = 999_999,
            number = 42,
            baseRevisionId = t.RootRevisionId,
            parentId = 12345,
            text,
            summary = "Sneaky",
            author = "Someone Else",
            authorId = 1,
            sha256 = new string('0', 64),
            status = "approved",
            merged = true,
            reviewerId = 1,
            createdAt = "1999-01-01T00:00:00Z",
            translationId = 777,
        });
        var revision = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        var stored = (await host.HistoryAsync(t.TranslationId)).Single(r => r.Number == 2);
        Assert.Equal(Id(revision), stored.Id);
        Assert.NotEqual(999_999, stored.Id);
        Assert.Equal(t.RootRevisionId, stored.ParentId);
        Assert.Equal(RevisionStatus.Proposed, stored.Status);
        Assert.False(stored.Merged);
        Assert.Null(stored.ReviewerId);
        Assert.Equal(TextNormalizer.Sha256Hex(text), stored.Sha256);
        Assert.True(stored.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));
        var author = await host.DbAsync(db => db.Contributors.AsNoTracking().FirstAsync(c => c.Id == stored.AuthorId));
        Assert.Equal("Ed Editor", author.Name);
    }

    [Fact]
    public async Task Citations_are_stored_with_the_revision_and_named_in_its_audit_event()
    {
        var t = await host.CreateTranslationAsync();
        var revision = await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId,
            text = Edit(t.Text, "an armed Soviet ship", "a Soviet ship"),
            summary = "The original says only 'Soviet ship'",
            citations = new object[]
            {
                new { kind = "archival", archive = "AVP RF", fond = "059", opis = "1", delo = "2", locator = "l. 14", id = 5, addedById = 1 },
                new { kind = "published", title = "Cold War International History Project Bulletin", publisher = "Wilson Center", year = 1995, url = "https://www.wilsoncenter.org/publication/bulletin-no-5" },
            },
        }), HttpStatusCode.Created);

        var citations = await host.DbAsync(db => db.Citations.AsNoTracking().Where(c => c.RevisionId == Id(revision)).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, citations.Count);
        Assert.All(citations, c => Assert.Equal(t.DocumentId, c.DocumentId));
        Assert.Equal((CitationKind.Archival, "AVP RF", "059", "l. 14"), (citations[0].Kind, citations[0].Archive, citations[0].Fond, citations[0].Locator));
        Assert.Equal((CitationKind.Published, 1995), (citations[1].Kind, citations[1].Year!.Value));
        Assert.NotEqual(5, citations[0].Id);

        var audit = Assert.Single(await host.AuditAsync(t.DocumentId));
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal(citations.Select(c => c.Id), details.RootElement.GetProperty("citationIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{ "baseRevisionId": BASE, "summary": "s" }""", "text" },
        { """{ "baseRevisionId": BASE, "text": "  \n ", "summary": "s" }""", "text" },
        { """{ "baseRevisionId": BASE, "text": "a\u0000b", "summary": "s" }""", "text" },
        { """{ "baseRevisionId": BASE, "text": "a\ud800b", "summary": "s" }""", "text" },
        { """{ "baseRevisionId": BASE, "text": 5, "summary": "s" }""", "text" },
        { """{ "baseRevisionId": BASE, "text": "t" }""", "summary" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "SUMMARY_TOO_LONG" }""", "summary" },
        { """{ "baseRevisionId": "abc", "text": "t", "summary": "s" }""", "baseRevisionId" },
        { """{ "baseRevisionId": -1, "text": "t", "summary": "s" }""", "baseRevisionId" },
        { """{ "baseRevisionId": 99999999, "text": "t", "summary": "s" }""", "baseRevisionId" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "rumour", "title": "x" }] }""", "citations[0].kind" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "published", "url": "ftp://x" }] }""", "citations[0].url" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "published", "title": "ok" }, { "kind": "published", "title": "y", "year": 30000 }] }""", "citations[1].year" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "editorial" }] }""", "citations[0].note" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [null] }""", "citations[0]" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "archival", "fond": "FOND_TOO_LONG" }] }""", "citations[0].fond" },
        { """{ "baseRevisionId": BASE, "text": "t", "summary": "s", "citations": [{ "kind": "archival", "year": "x" }] }""", "citations[0].year" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Returns_422_naming_the_invalid_field(string body, string field)
    {
        var t = await host.CreateTranslationAsync();
        body = body.Replace("BASE", t.RootRevisionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("SUMMARY_TOO_LONG", new string('s', 1001), StringComparison.Ordinal)
            .Replace("FOND_TOO_LONG", new string('f', 65), StringComparison.Ordinal);
        var problem = await HttpAssert.ProblemAsync(await PostRawAsync(t.TranslationId, body), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Single(await host.HistoryAsync(t.TranslationId));
    }

    [Fact]
    public async Task A_base_revision_of_another_translation_is_422()
    {
        var t = await host.CreateTranslationAsync();
        var other = await host.CreateTranslationAsync();
        var problem = await HttpAssert.ProblemAsync(
            await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = other.RootRevisionId, text = "t", summary = "s" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("baseRevisionId", out _));
    }

    [Fact]
    public async Task An_if_match_that_is_not_a_revision_etag_or_disagrees_with_the_body_is_422()
    {
        var t = await host.CreateTranslationAsync();
        foreach (var (etag, baseId) in new[] { ("\"something\"", (long?)null), ("*", null), ($"\"rev-{t.RootRevisionId + 1}\"", t.RootRevisionId) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/translations/{t.TranslationId}/revisions")
            {
                Content = JsonContent.Create(new { baseRevisionId = baseId, text = "t", summary = "s" }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            var problem = await HttpAssert.ProblemAsync(await _editor.SendAsync(request), HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty(baseId is null ? "If-Match" : "baseRevisionId", out _), problem.ToString());
        }
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_json_is_400_problem(string body)
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.ProblemAsync(await PostRawAsync(t.TranslationId, body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var t = await host.CreateTranslationAsync();
        var response = await _editor.PostAsync($"/api/translations/{t.TranslationId}/revisions", new StringContent("text", Encoding.UTF8, "text/plain"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Unknown_translation_is_404_problem()
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.ProblemAsync(
            await SubmitAsync(_editor, 99_999_999, new { baseRevisionId = t.RootRevisionId, text = "t", summary = "s" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_text_over_the_configured_limit_is_413_problem()
    {
        var t = await host.CreateTranslationAsync();
        // 2,001 two-byte letters: 4,002 bytes of UTF-8 against a 4,000-byte limit.
        var problem = await HttpAssert.ProblemAsync(
            await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = new string('д', 2001), summary = "Long" }), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Exactly at the limit is fine.
        await HttpAssert.JsonAsync(
            await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = new string('д', 2000), summary = "Long" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_413_before_it_is_parsed()
    {
        var t = await host.CreateTranslationAsync();
        // The body limit is 2 × 4,000 + 1 MiB; this is a little more, and not even JSON past the start.
        var body = "{\"text\": \"" + new string('x', (2 * 4000) + (1024 * 1024) + 10);
        await HttpAssert.ProblemAsync(await PostRawAsync(t.TranslationId, body), HttpStatusCode.RequestEntityTooLarge);
    }

    private Task<HttpResponseMessage> PostRawAsync(long translationId, string body) =>
        _editor.PostAsync($"/api/translations/{translationId}/revisions", new StringContent(body, Encoding.UTF8, "application/json"));
}

/// <summary>A <see cref="WritePathHost"/> that refuses texts over 4,000 bytes.</summary>
public sealed class SmallTextsHost(TestPostgres postgres) : WritePathHost(postgres, ("Provenance:Editing:MaxTextBytes", "4000"));
