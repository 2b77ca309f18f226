using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Data.Entities;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(WritePathHost host) : IClassFixture<WritePathHost>
{
    private const int ParagraphEditors = 8;
    private const int Rivals = 4;
    private const int Paragraphs = ParagraphEditors + 2;


    private static string Paragraph(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"Paragraph {i}. The first sentence of paragraph {i}. The second sentence of paragraph {i}.");

    [Fact]
    public async Task Many_editors_racing_on_one_head_neither_fork_nor_lose_a_revision()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, Paragraphs).Select(Paragraph));
        var t = await host.CreateTranslationAsync(text);
        var keys = new List<string>();
        for (var i = 0; i < ParagraphEditors + Rivals; i++)
        {
            keys.Add(await host.KeyAsync($"Editor {i}", "editor"));
        }

        // Eight edit a paragraph each (they all merge); four rewrite the same sentence of paragraph 9 (one wins).
        var submissions = new List<(string Key, string Text, string Marker)>();
        for (var i = 1; i <= ParagraphEditors; i++)
        {
            var marker = $"paragraph {i}, revised by editor {i}.";
            submissions.Add((keys[i - 1], Edit(text, $"The first sentence of paragraph {i}.", $"The first sentence of {marker}"), marker));
        }

        for (var r = 0; r < Rivals; r++)
        {
            var marker = $"Rival {r} rewrote the second sentence of paragraph 9.";
            submissions.Add((keys[ParagraphEditors + r], Edit(text, "The second sentence of paragraph 9.", marker), marker));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = submissions.Select(async s =>
        {
            using var client = host.Client(s.Key);
            await start.Task;
            var response = await SubmitAsync(client, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = s.Text, summary = s.Marker });
            return (s.Marker, Status: response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.Status}: {r.Body}"));
        var created = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        var conflicts = results.Where(r => r.Status == HttpStatusCode.Conflict).ToList();

        // Every paragraph editor got in; exactly one rival did.
        Assert.Equal(ParagraphEditors + 1, created.Count);
        Assert.Equal(Rivals - 1, conflicts.Count);
        Assert.All(Enumerable.Range(1, ParagraphEditors), i => Assert.Contains(created, c => c.Marker.StartsWith($"paragraph {i},", StringComparison.Ordinal)));
        Assert.Single(created, c => !c.Body.GetProperty("merged").GetBoolean());

        // One chain 1..N: each revision's parent is the one before it, no gaps, no forks.
        var history = await host.HistoryAsync(t.TranslationId);
        Assert.Equal(Enumerable.Range(1, ParagraphEditors + 2), history.Select(r => r.Number));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].Id, history[i].ParentId);
        }

        var translation = await host.TranslationAsync(t.TranslationId);
        Assert.Equal(history[^1].Id, translation.HeadRevisionId);

        // Every 2xx answer is a stored revision with the text it claimed, and that text kept its edit.
        using var reader = host.Client();
        foreach (var c in created)
        {
            var stored = await HttpAssert.JsonAsync(await reader.GetAsync($"/api/revisions/{Id(c.Body)}"));
            Assert.Equal(c.Body.GetProperty("text").GetString(), stored.GetProperty("text").GetString());
            Assert.Equal(c.Body.GetProperty("number").GetInt32(), stored.GetProperty("number").GetInt32());
            Assert.Equal(c.Body.GetProperty("parentId").GetInt64(), stored.GetProperty("parentId").GetInt64());
            Assert.Contains(c.Marker, stored.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(c.Marker, stored.GetProperty("summary").GetString());
        }

        // Every 409 names a revision of this history that already held the winning rival's sentence.
        var winner = created.Single(c => c.Marker.StartsWith("Rival", StringComparison.Ordinal)).Marker;
        foreach (var c in conflicts)
        {
            var head = history.Single(r => r.Id == c.Body.GetProperty("headRevisionId").GetInt64());
            Assert.Contains(winner, head.Text, StringComparison.Ordinal);
            Assert.Contains(winner, Assert.Single(c.Body.GetProperty("conflicts").EnumerateArray()).GetProperty("headText").GetString(), StringComparison.Ordinal);
        }

        // The final head holds every accepted edit and no lost rival.
        var final = history[^1].Text;
        Assert.All(created, c => Assert.Contains(c.Marker, final, StringComparison.Ordinal));
        Assert.All(conflicts, c => Assert.DoesNotContain(c.Marker, final, StringComparison.Ordinal));
        Assert.All(history.Skip(1), r => Assert.Equal(RevisionStatus.Proposed, r.Status));

        // One audit event per stored revision, none for the conflicts.
        var audit = await host.AuditAsync(t.DocumentId);
        Assert.Equal(created.Count, audit.Count);
        Assert.Equal(history.Skip(1).Select(r => r.Id).Order(), audit.Select(e => e.EntityId!.Value).Order());
    }

    [Fact]
    public async Task Racing_identical_submissions_store_one_revision()
    {
        var t = await host.CreateTranslationAsync();
        var key = await host.KeyAsync("Double clicker", "editor");
        var text = t.Text + "\nOnce only.";
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = host.Client(key);
            await start.Task;
            var response = await client.PostAsJsonAsync($"/api/translations/{t.TranslationId}/revisions", new { baseRevisionId = t.RootRevisionId, text, summary = "Once" });
            return (response.StatusCode, Body: await HttpAssert.JsonAsync(response, response.StatusCode));
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(results.Select(r => Id(r.Body)).Distinct());
        Assert.Equal(2, (await host.HistoryAsync(t.TranslationId)).Count);
    }
}
