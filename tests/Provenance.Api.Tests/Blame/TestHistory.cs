using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Testing;
using Provenance.Text;

namespace Provenance.Api.Tests.Blame;

/// <summary>
/// Builds revision histories straight through the DbContext (with their audit events), as the write path
/// would, so provenance and blame can be tested on histories of several authors.
/// </summary>
public static class TestHistory
{
    /// <summary>
    /// Disposes the host and closes its idle pooled connections: every test gets a database of its own,
    /// and pools left open for each would exhaust the server's connection slots over a whole run.
    /// </summary>
    public static async Task StopAsync(ProvenanceApiFactory api)
    {
        await api.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public static async Task<long> SeedDocumentIdAsync(HttpClient client)
    {
        var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/documents"));
        return list.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> SeedTranslationAsync(HttpClient client, long documentId)
    {
        var doc = await HttpAssert.JsonAsync(await client.GetAsync($"/api/documents/{documentId}"));
        return doc.GetProperty("translations")[0];
    }

    /// <summary>A new translation of <paramref name="documentId"/> whose revision 1 is <paramref name="text"/> by <paramref name="translator"/>.</summary>
    public static async Task<(long TranslationId, long RevisionId)> AddTranslationAsync(
        ProvenanceApiFactory api, long documentId, string language, string translator, string text)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        return await db.InWriteTransactionAsync(async ct =>
        {
            var person = await ContributorAsync(db, translator, ct);
            var translation = new Translation
            {
                DocumentId = documentId, Language = language, Kind = TranslationKinds.Translation, Translator = person, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Translations.Add(translation);
            var normalized = TextNormalizer.Normalize(text);
            var revision = new Revision
            {
                Translation = translation, Number = 1, Author = person, Summary = "First translation", Text = normalized,
                Sha256 = TextNormalizer.Sha256Hex(normalized), Status = RevisionStatus.Approved, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Revisions.Add(revision);
            await db.SaveChangesAsync(ct);
            translation.HeadRevisionId = translation.CurrentRevisionId = revision.Id;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(new Actor(person.Id, person.Name), AuditActions.TranslationCreated, "translation", translation.Id, documentId,
                new { revisionId = revision.Id }), ct);
            return (translation.Id, revision.Id);
        }, CancellationToken.None);
    }

    /// <summary>Appends a revision on the translation's head; with a reviewer it is approved and published.</summary>
    public static async Task<long> AddRevisionAsync(
        ProvenanceApiFactory api, long translationId, string text, string author, string summary, string? reviewer = null)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        return await db.InWriteTransactionAsync(async ct =>
        {
            var translation = await db.Translations.Include(t => t.HeadRevision).FirstAsync(t => t.Id == translationId, ct);
            var head = translation.HeadRevision!;
            var person = await ContributorAsync(db, author, ct);
            var reviewedBy = reviewer is null ? null : await ContributorAsync(db, reviewer, ct);
            var normalized = TextNormalizer.Normalize(text);
            var now = DateTimeOffset.UtcNow;
            var revision = new Revision
            {
                TranslationId = translationId, Number = head.Number + 1, ParentId = head.Id, Author = person, Summary = summary,
                Text = normalized, Sha256 = TextNormalizer.Sha256Hex(normalized),
                Status = reviewedBy is null ? RevisionStatus.Proposed : RevisionStatus.Approved,
                Reviewer = reviewedBy, ReviewedAt = reviewedBy is null ? null : now, ReviewComment = reviewedBy is null ? null : "Checked against the original",
                CreatedAt = now,
            };
            db.Revisions.Add(revision);
            await db.SaveChangesAsync(ct);
            translation.HeadRevisionId = revision.Id;
            if (reviewedBy is not null)
            {
                translation.CurrentRevisionId = revision.Id;
            }

            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(new Actor(person.Id, person.Name), AuditActions.RevisionCreated, "revision", revision.Id,
                translation.DocumentId, new { revision.Number, revision.Sha256 }), ct);
            return revision.Id;
        }, CancellationToken.None);
    }

    private static async Task<Contributor> ContributorAsync(ProvenanceDbContext db, string name, CancellationToken ct) =>
        await db.Contributors.FirstOrDefaultAsync(c => c.Name == name, ct)
        ?? db.Contributors.Add(new Contributor { Name = name, Kind = ContributorKind.Person, CreatedAt = DateTimeOffset.UtcNow }).Entity;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
