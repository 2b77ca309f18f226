using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Data.Tests;

/// <summary>ADR 0005 end to end: revisions stored through the editing endpoint as snapshots and deltas, read back exact.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RevisionStorageTests(UnthrottledWritePathHost host) : IClassFixture<UnthrottledWritePathHost>, IAsyncLifetime
{
    private const int Revisions = 120;
    private HttpClient _editor = null!;

    public async Task InitializeAsync()
    {
        _editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_long_history_is_deltas_between_snapshots_and_every_revision_reads_back_byte_exact()
    {
        var (t, ids, texts) = await HistoryOfAsync(Revisions);

        var stored = await host.DbAsync(db => db.Revisions.AsNoTracking().Where(r => r.TranslationId == t.TranslationId)
            .OrderBy(r => r.Number).Select(r => new { r.Number, r.Snapshot, r.StoredText, r.Delta }).ToListAsync());
        Assert.Equal(Revisions, stored.Count);
        Assert.Equal([1, 50, 100], stored.Where(r => r.Snapshot).Select(r => r.Number));
        Assert.All(stored.Where(r => !r.Snapshot), r => Assert.True(r.StoredText is null && r.Delta is { Length: > 0 and < 40 }, $"revision {r.Number}"));
        Assert.All(stored.Where(r => r.Snapshot), r => Assert.True(r.StoredText is not null && r.Delta is null));

        using var reader = host.Client();
        for (var n = 1; n <= Revisions; n++)
        {
            var revision = await HttpAssert.JsonAsync(await reader.GetAsync($"/api/revisions/{ids[n]}"));
            var text = revision.GetProperty("text").GetString()!;
            Assert.Equal(Encoding.UTF8.GetBytes(texts[n]), Encoding.UTF8.GetBytes(text));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), revision.GetProperty("sha256").GetString());
            Assert.Equal(n, revision.GetProperty("number").GetInt32());
        }

        var head = await HttpAssert.JsonAsync(await _editor.GetAsync($"/api/translations/{t.TranslationId}/text?revision=head"));
        Assert.Equal(texts[Revisions], head.GetProperty("text").GetString());
        var published = await HttpAssert.JsonAsync(await reader.GetAsync($"/api/translations/{t.TranslationId}/text"));
        Assert.Equal(texts[1], published.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Diff_and_blame_read_texts_rebuilt_from_deltas()
    {
        var (t, ids, texts) = await HistoryOfAsync(60);

        using var reader = host.Client();
        var diff = await reader.GetAsync($"/api/revisions/{ids[47]}/diff/{ids[58]}?granularity=line&format=unified");
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        var patch = await diff.Content.ReadAsStringAsync();
        Assert.Contains("[edit 47]", patch, StringComparison.Ordinal);
        Assert.Contains("[edit 58]", patch, StringComparison.Ordinal);

        var blame = await HttpAssert.JsonAsync(await reader.GetAsync($"/api/revisions/{ids[60]}/blame"));
        var spans = blame.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(texts[60], string.Concat(spans.Select(s => s.GetProperty("text").GetString())));
        Assert.Contains(spans, s => s.GetProperty("revisionId").GetInt64() == ids[58] && s.GetProperty("text").GetString()!.Contains("58", StringComparison.Ordinal));
        Assert.Equal(t.TranslationId, blame.GetProperty("translationId").GetInt64());
    }

    [Fact]
    public async Task A_tampered_delta_is_refused_with_500_not_served()
    {
        var (_, ids, texts) = await HistoryOfAsync(12);

        await using (var connection = new NpgsqlConnection(host.Api.ConnectionString))
        {
            await connection.OpenAsync();
            // Same length, one byte changed: still a well-formed splice list, but the wrong text.
            await using var tamper = new NpgsqlCommand(
                "UPDATE revisions SET delta = overlay(delta placing '\\x5a'::bytea from length(delta) for 1) WHERE id = $1", connection);
            tamper.Parameters.Add(new NpgsqlParameter { Value = ids[7] });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        using var reader = host.Client();
        Assert.Equal(texts[6], (await HttpAssert.JsonAsync(await reader.GetAsync($"/api/revisions/{ids[6]}"))).GetProperty("text").GetString());
        // Revisions 7 to 9 hold the damaged bytes; revision 10 removed them, so 10 to 12 still rebuild to their hashes.
        foreach (var n in new[] { 7, 9 })
        {
            var response = await reader.GetAsync($"/api/revisions/{ids[n]}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("edit ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(texts[12], (await HttpAssert.JsonAsync(await reader.GetAsync($"/api/revisions/{ids[12]}"))).GetProperty("text").GetString());
        var diff = await reader.GetAsync($"/api/revisions/{ids[1]}/diff/{ids[8]}");
        Assert.Equal(HttpStatusCode.InternalServerError, diff.StatusCode);
    }

    /// <summary>A translation with <paramref name="count"/> revisions, each one small edit submitted through the API.</summary>
    private async Task<(Seeded Translation, long[] Ids, string[] Texts)> HistoryOfAsync(int count)
    {
        var t = await host.CreateTranslationAsync();
        var ids = new long[count + 1];
        var texts = new string[count + 1];
        (ids[1], texts[1]) = (t.RootRevisionId, t.Text);
        for (var n = 2; n <= count; n++)
        {
            var sentence = n % 3 == 0 ? "We talked alone." : n % 3 == 1 ? "He left for the White House." : "He said the President was concerned.";
            var text = texts[n - 1].Replace($" [edit {n - 3}]", "", StringComparison.Ordinal)
                .Replace(sentence, $"{sentence[..^1]} [edit {n}].", StringComparison.Ordinal);
            var revision = await HttpAssert.JsonAsync(
                await SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = ids[n - 1], text, summary = $"Edit {n}" }), HttpStatusCode.Created);
            (ids[n], texts[n]) = (Id(revision), text);
        }

        return (t, ids, texts);
    }
}
