using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Documents.Writes;

/// <summary>A translation names the revision of the original it renders; a newer published original marks the passages to review.</summary>
[Collection(ApiCollection.Name)]
public sealed class SourceRevisionTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private const string Original = """
        Поздно вечером 23 октября ко мне приехал Р. Кеннеди.
        Он был в явно возбужденном состоянии.

        Я приехал по своей личной инициативе.

        Президент Кеннеди чувствует себя обманутым.
        """;

    private const string Translation = """
        Late in the evening of October 23, R. Kennedy came to visit me. He was in an obviously excited condition.

        I came on my own personal initiative.

        President Kennedy feels deceived.
        """;


    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(postgres);

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_translation_of_the_current_original_says_which_revision_it_renders_and_needs_no_review()
    {
        var s = await SetUpAsync();

        var translation = await TranslationInDocumentAsync(s.DocumentId, s.TranslationId);
        var source = translation.GetProperty("source");
        Assert.Equal(s.OriginalId, source.GetProperty("originalTranslationId").GetInt64());
        Assert.Equal(s.OriginalRevisionId, source.GetProperty("rendersRevisionId").GetInt64());
        Assert.Equal(s.OriginalRevisionId, source.GetProperty("currentRevisionId").GetInt64());
        Assert.False(source.GetProperty("needsReview").GetBoolean());
        Assert.Empty(source.GetProperty("changedPassages").EnumerateArray());
        // The original itself renders nothing.
        Assert.Equal(JsonValueKind.Null, (await TranslationInDocumentAsync(s.DocumentId, s.OriginalId)).GetProperty("source").ValueKind);

        var revision = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{s.TranslationRevisionId}"));
        Assert.Equal(s.OriginalRevisionId, revision.GetProperty("sourceRevisionId").GetInt64());
        var created = await AuditDetailsAsync("translation.created", s.TranslationId);
        Assert.Equal(s.OriginalRevisionId, created.GetProperty("sourceRevisionId").GetInt64());
    }

    [Fact]
    public async Task A_newer_published_original_marks_the_paragraphs_whose_original_changed_at_the_same_positions_of_the_translation()
    {
        var s = await SetUpAsync();
        // Paragraph 1 only re-wrapped, one added after it, paragraph 3 corrected.
        var revised = Original
            .Replace("Р. Кеннеди.\nОн был", "Р. Кеннеди. Он\nбыл", StringComparison.Ordinal)
            .Replace("\n\nЯ приехал", "\n\nОб этом он сказал 22 октября.\n\nЯ приехал", StringComparison.Ordinal)
            .Replace("чувствует себя обманутым", "чувствует себя обманутым и оскорблённым", StringComparison.Ordinal);
        var proposed = await SubmitAsync(s.OriginalId, s.OriginalRevisionId, revised, "Corrected against the archival copy");

        // Proposed is not published: nothing to review yet.
        Assert.False((await TranslationInDocumentAsync(s.DocumentId, s.TranslationId)).GetProperty("source").GetProperty("needsReview").GetBoolean());

        await ApproveAsync(proposed);
        var source = (await TranslationInDocumentAsync(s.DocumentId, s.TranslationId)).GetProperty("source");
        Assert.True(source.GetProperty("needsReview").GetBoolean());
        Assert.Equal((s.OriginalRevisionId, 1), (source.GetProperty("rendersRevisionId").GetInt64(), source.GetProperty("rendersNumber").GetInt32()));
        Assert.Equal((proposed, 2), (source.GetProperty("currentRevisionId").GetInt64(), source.GetProperty("currentNumber").GetInt32()));
        Assert.True(source.GetProperty("positional").GetBoolean());
        var passages = source.GetProperty("changedPassages").EnumerateArray().ToList();
        Assert.Equal([("inserted", 2, 0, 2, 1), ("changed", 3, 1, 4, 1)], passages.Select(p => (
            p.GetProperty("kind").GetString(),
            p.GetProperty("renderedParagraphs").GetProperty("start").GetInt32(), p.GetProperty("renderedParagraphs").GetProperty("count").GetInt32(),
            p.GetProperty("currentParagraphs").GetProperty("start").GetInt32(), p.GetProperty("currentParagraphs").GetProperty("count").GetInt32())));
        Assert.Equal("", passages[0].GetProperty("renderedText").GetString());
        Assert.Equal("Об этом он сказал 22 октября.", passages[0].GetProperty("currentText").GetString());
        Assert.Equal("", passages[0].GetProperty("translationText").GetString());
        Assert.Equal("Президент Кеннеди чувствует себя обманутым.", passages[1].GetProperty("renderedText").GetString());
        Assert.Equal("Президент Кеннеди чувствует себя обманутым и оскорблённым.", passages[1].GetProperty("currentText").GetString());
        Assert.Equal((3, 1), (passages[1].GetProperty("translationParagraphs").GetProperty("start").GetInt32(), passages[1].GetProperty("translationParagraphs").GetProperty("count").GetInt32()));
        Assert.Equal("President Kennedy feels deceived.", passages[1].GetProperty("translationText").GetString());

        // The translation resource says the same.
        var resource = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{s.TranslationId}"));
        Assert.Equal(source.GetRawText(), resource.GetProperty("source").GetRawText());
    }

    [Fact]
    public async Task A_translation_with_other_paragraphing_gets_the_passages_without_positions()
    {
        var s = await SetUpAsync();
        var merged = await AddTranslationAsync(s.DocumentId, Translation.Replace("\n\nI came", " I came", StringComparison.Ordinal), s.OriginalRevisionId);
        await ApproveAsync(merged.RevisionId);
        var revised = Original.Replace("обманутым", "обманутым и оскорблённым", StringComparison.Ordinal);
        await ApproveAsync(await SubmitAsync(s.OriginalId, s.OriginalRevisionId, revised, "Corrected"));

        var source = (await TranslationInDocumentAsync(s.DocumentId, merged.TranslationId)).GetProperty("source");
        Assert.True(source.GetProperty("needsReview").GetBoolean());
        Assert.False(source.GetProperty("positional").GetBoolean());
        var passage = Assert.Single(source.GetProperty("changedPassages").EnumerateArray());
        Assert.Equal(3, passage.GetProperty("renderedParagraphs").GetProperty("start").GetInt32());
        Assert.Equal(JsonValueKind.Null, passage.GetProperty("translationParagraphs").ValueKind);
        Assert.Equal(JsonValueKind.Null, passage.GetProperty("translationText").ValueKind);
    }

    [Fact]
    public async Task In_texts_without_blank_lines_each_line_is_a_paragraph()
    {
        var s = await SetUpAsync();
        var letter = await AddTranslationAsync(s.DocumentId, "Line one.\nLine two.\nLine three.\n", s.OriginalRevisionId);
        await ApproveAsync(letter.RevisionId);
        var byLine = await SubmitAsync(s.OriginalId, s.OriginalRevisionId, "Строка один.\nСтрока два.\nСтрока три.\n", "One paragraph a line");
        await ApproveAsync(byLine);
        var fixedLine = await SubmitAsync(s.OriginalId, byLine, "Строка один.\nСтрока 2.\nСтрока три.\n", "Second line corrected");
        await ApproveAsync(fixedLine);
        var check = await _host.Editor.PostAsJsonAsync($"/api/translations/{letter.TranslationId}/revisions",
            new { baseRevisionId = letter.RevisionId, text = "Line one.\nLine two.\nLine three.\n", summary = "Renders the line-by-line original", sourceRevisionId = byLine });
        await ApproveAsync((await HttpAssert.JsonAsync(check, HttpStatusCode.Created)).GetProperty("id").GetInt64());

        var source = (await TranslationInDocumentAsync(s.DocumentId, letter.TranslationId)).GetProperty("source");
        Assert.True(source.GetProperty("positional").GetBoolean());
        var passage = Assert.Single(source.GetProperty("changedPassages").EnumerateArray());
        Assert.Equal(2, passage.GetProperty("renderedParagraphs").GetProperty("start").GetInt32());
        Assert.Equal("Строка 2.", passage.GetProperty("currentText").GetString());
        Assert.Equal("Line two.", passage.GetProperty("translationText").GetString());
    }

    [Fact]
    public async Task The_marker_clears_when_a_published_translation_revision_names_the_current_original()
    {
        var s = await SetUpAsync();
        var current = await SubmitAsync(s.OriginalId, s.OriginalRevisionId, Original.Replace("обманутым", "обманутым и оскорблённым", StringComparison.Ordinal), "Corrected");
        await ApproveAsync(current);

        // The same text, checked against the newer original, is a revision that says so.
        var check = await _host.Editor.PostAsJsonAsync($"/api/translations/{s.TranslationId}/revisions",
            new { baseRevisionId = s.TranslationRevisionId, text = Translation, summary = "Checked against the corrected original", sourceRevisionId = current });
        var checkedRevision = (await HttpAssert.JsonAsync(check, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.True((await TranslationInDocumentAsync(s.DocumentId, s.TranslationId)).GetProperty("source").GetProperty("needsReview").GetBoolean());
        var submitted = await AuditDetailsAsync("revision.submitted", checkedRevision);
        Assert.Equal(current, submitted.GetProperty("sourceRevisionId").GetInt64());

        await ApproveAsync(checkedRevision);
        var source = (await TranslationInDocumentAsync(s.DocumentId, s.TranslationId)).GetProperty("source");
        Assert.False(source.GetProperty("needsReview").GetBoolean());
        Assert.Equal(current, source.GetProperty("rendersRevisionId").GetInt64());
        Assert.Empty(source.GetProperty("changedPassages").EnumerateArray());

        // An edit that names no source renders what its parent rendered.
        var edit = await SubmitAsync(s.TranslationId, checkedRevision, Translation.Replace("deceived", "deceived and insulted", StringComparison.Ordinal), "Renders the correction");
        var revision = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{edit}"));
        Assert.Equal(current, revision.GetProperty("sourceRevisionId").GetInt64());
        // Naming the source it already renders, with the same text, changes nothing.
        var again = await _host.Editor.PostAsJsonAsync($"/api/translations/{s.TranslationId}/revisions",
            new { baseRevisionId = edit, text = Translation.Replace("deceived", "deceived and insulted", StringComparison.Ordinal), summary = "Again", sourceRevisionId = current });
        Assert.Equal(edit, (await HttpAssert.JsonAsync(again)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_source_that_is_not_a_revision_of_an_original_of_the_same_document_is_422_naming_the_field_and_stores_nothing()
    {
        var s = await SetUpAsync();
        var other = await SetUpAsync();

        async Task Refused(string path, object body, string field)
        {
            var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync(path, body), HttpStatusCode.UnprocessableEntity);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var submit = $"/api/translations/{s.TranslationId}/revisions";
        object Edit(long source) => new { baseRevisionId = s.TranslationRevisionId, text = Translation + "\nMore.\n", summary = "Edit", sourceRevisionId = source };
        await Refused(submit, Edit(s.TranslationRevisionId), "sourceRevisionId");   // a translation, not an original
        await Refused(submit, Edit(other.OriginalRevisionId), "sourceRevisionId");  // another document's original
        await Refused(submit, Edit(999_999_999), "sourceRevisionId");
        await Refused(submit, Edit(0), "sourceRevisionId");
        await Refused($"/api/translations/{s.OriginalId}/revisions",
            new { baseRevisionId = s.OriginalRevisionId, text = Original + "\nЕщё.\n", summary = "Edit", sourceRevisionId = s.OriginalRevisionId }, "sourceRevisionId");
        var rejected = await SubmitAsync(s.OriginalId, s.OriginalRevisionId, Original + "\nЕщё.\n", "Doubtful");
        await HttpAssert.JsonAsync(await _host.Reviewer.PostAsJsonAsync($"/api/revisions/{rejected}/review", new { decision = "reject", comment = "Not in the archival copy." }));
        await Refused(submit, Edit(rejected), "sourceRevisionId");

        var add = $"/api/documents/{s.DocumentId}/translations";
        var gil = new[] { new { name = "Moshe Gil", role = "translator" } };
        await Refused(add, new { language = "en", kind = "translation", contributors = gil, sourceRevisionId = s.OriginalRevisionId }, "sourceRevisionId");
        await Refused(add, new { language = "en", kind = "translation", contributors = gil, text = "T.", sourceRevisionId = other.OriginalRevisionId }, "sourceRevisionId");
        await Refused(add, new { language = "ru", kind = "original", contributors = gil, text = "Т.", sourceRevisionId = s.OriginalRevisionId }, "sourceRevisionId");

        var empty = await AddTranslationAsync(s.DocumentId, null, null);
        await Refused($"/api/translations/{empty.TranslationId}/history", new
        {
            revisions = new[]
            {
                new { text = "First.", author = "Moshe Gil", authoredAt = "1990-01-01T00:00:00Z", summary = "First", sourceRevisionId = (long?)s.OriginalRevisionId },
                new { text = "Second.", author = "Moshe Gil", authoredAt = "1991-01-01T00:00:00Z", summary = "Second", sourceRevisionId = (long?)s.TranslationRevisionId },
            },
        }, "revisions[1].sourceRevisionId");

        var translation = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{s.TranslationId}"));
        Assert.Equal(s.TranslationRevisionId, translation.GetProperty("headRevisionId").GetInt64());
        var document = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{s.DocumentId}"));
        Assert.Equal(3, document.GetProperty("translations").GetArrayLength()); // the original, the translation, the empty one
        Assert.Equal(JsonValueKind.Null, (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{empty.TranslationId}"))).GetProperty("headRevisionId").ValueKind);
    }

    [Fact]
    public async Task An_imported_history_names_its_source_and_later_revisions_inherit_it()
    {
        var s = await SetUpAsync();
        var empty = await AddTranslationAsync(s.DocumentId, null, null);
        var imported = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/translations/{empty.TranslationId}/history", new
        {
            revisions = new object[]
            {
                new { text = "First.", author = "Moshe Gil", authoredAt = "1990-01-01T00:00:00Z", summary = "First" },
                new { text = Translation, author = "Moshe Gil", authoredAt = "1991-01-01T00:00:00Z", summary = "From the transcription", sourceRevisionId = s.OriginalRevisionId },
                new { text = Translation + "\nNote.\n", author = "Moshe Gil", authoredAt = "1992-01-01T00:00:00Z", summary = "Note" },
            },
        }), HttpStatusCode.Created);
        var ids = imported.GetProperty("revisionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
        var sources = new List<JsonElement>();
        foreach (var id in ids)
        {
            sources.Add((await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{id}"))).GetProperty("sourceRevisionId"));
        }

        Assert.Equal([null, s.OriginalRevisionId, s.OriginalRevisionId], sources.Select(e => e.ValueKind == JsonValueKind.Null ? (long?)null : e.GetInt64()));
        var details = await AuditDetailsAsync("history.imported", empty.TranslationId);
        Assert.Equal(sources.Select(e => e.GetRawText()), details.GetProperty("sourceRevisionIds").EnumerateArray().Select(e => e.GetRawText()));
    }

    private sealed record Setup(long DocumentId, long OriginalId, long OriginalRevisionId, long TranslationId, long TranslationRevisionId);

    /// <summary>A document with a published original (revision 1) and a published translation that renders it.</summary>
    private async Task<Setup> SetUpAsync()
    {
        var documentId = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents",
            new { title = $"Dobrynin to the MFA {Guid.NewGuid():N}", originalLanguage = "ru" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var original = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{documentId}/translations",
            new { language = "ru", kind = "original", contributors = new[] { new { name = "AVP RF transcriber", role = "transcriber" } }, text = Original }), HttpStatusCode.Created);
        var originalRevision = original.GetProperty("revisionId").GetInt64();
        await ApproveAsync(originalRevision);
        var translation = await AddTranslationAsync(documentId, Translation, originalRevision);
        await ApproveAsync(translation.RevisionId);
        return new Setup(documentId, original.GetProperty("id").GetInt64(), originalRevision, translation.TranslationId, translation.RevisionId);
    }

    private async Task<(long TranslationId, long RevisionId)> AddTranslationAsync(long documentId, string? text, long? source)
    {
        var created = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{documentId}/translations", new
        {
            language = "en", kind = "translation", contributors = new[] { new { name = "Mark H. Doctoroff", role = "translator" } }, text, sourceRevisionId = source,
        }), HttpStatusCode.Created);
        var revision = created.GetProperty("revisionId");
        return (created.GetProperty("id").GetInt64(), revision.ValueKind == JsonValueKind.Null ? 0 : revision.GetInt64());
    }

    private async Task<long> SubmitAsync(long translationId, long baseRevisionId, string text, string summary)
    {
        var response = await _host.Editor.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new { baseRevisionId, text, summary });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    /// <summary>Four eyes: the reviewer approves what the editor wrote.</summary>
    private async Task ApproveAsync(long revisionId) =>
        await HttpAssert.JsonAsync(await _host.Reviewer.PostAsJsonAsync($"/api/revisions/{revisionId}/review", new { decision = "approve" }));

    private async Task<JsonElement> TranslationInDocumentAsync(long documentId, long translationId)
    {
        var document = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{documentId}"));
        return document.GetProperty("translations").EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == translationId);
    }

    private async Task<JsonElement> AuditDetailsAsync(string action, long entityId)
    {
        var page = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?pageSize=500"));
        return page.GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == action && e.GetProperty("entityId").GetInt64() == entityId)
            .GetProperty("details");
    }
}
