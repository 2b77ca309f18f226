using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Auth;
using Provenance.Api.Caching;
using Provenance.Api.Documents;
using Provenance.Api.Editing;
using Provenance.Api.Revisions;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Text;

namespace Provenance.Testing;

/// <summary>
/// Test data written through the service's own write classes (<see cref="DocumentWrites"/>,
/// <see cref="RevisionSubmission"/>, <see cref="RevisionReview"/>): the rows and audit events a fixture
/// leaves are the ones production writes, and the four-eyes rule holds for fixtures too. The classes are
/// called in process rather than over HTTP so fixtures spend none of a test's rate-limit allowance.
/// </summary>
public static class FixtureWrites
{
    /// <summary>The reviewer who publishes fixtures' texts; tests that need a reviewer of their own create one.</summary>
    public const string Reviewer = "Fixture Reviewer";

    private static readonly ConditionalWeakTable<ProvenanceApiFactory, ConcurrentDictionary<string, Actor>> People = new();

    /// <summary>A contributor named <paramref name="name"/> with an editor and reviewer key (made once per host through <c>POST /api/keys</c>).</summary>
    public static async Task<Actor> PersonAsync(ProvenanceApiFactory api, string name)
    {
        var known = People.GetOrCreateValue(api);
        if (known.TryGetValue(name, out var actor))
        {
            return actor;
        }

        var (id, _) = await api.CreateContributorAsync(name, Roles.Editor, Roles.Reviewer);
        return known.GetOrAdd(name, new Actor(id, name));
    }

    /// <summary>The bootstrap admin (the contributor behind <see cref="Keys.BootstrapAdmin"/>).</summary>
    public static Task<Actor> AdminAsync(ProvenanceApiFactory api) => DbAsync(api, async db =>
    {
        var hash = ApiKeys.Hash(Keys.BootstrapAdmin);
        var admin = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash)
            .Select(k => new { k.ContributorId, k.Contributor!.Name }).FirstAsync();
        return new Actor(admin.ContributorId, admin.Name);
    });

    public static Task<long> CreateDocumentAsync(ProvenanceApiFactory api, Actor actor, string title) =>
        WithAsync<DocumentWrites, long>(api, writes => writes.CreateDocumentAsync(
            new Dictionary<string, JsonElement?> { [MetadataFields.Title] = JsonSerializer.SerializeToElement(title) }, actor, CancellationToken.None));

    /// <summary>
    /// A new translation of <paramref name="documentId"/> whose revision 1 is <paramref name="text"/>, written by
    /// <paramref name="author"/> (credited as its translator) and approved by <see cref="Reviewer"/>.
    /// </summary>
    public static async Task<(long TranslationId, long RevisionId)> AddPublishedTranslationAsync(
        ProvenanceApiFactory api, long documentId, Actor author, string language, string text)
    {
        var request = new ValidTranslation(language, TranslationKinds.Translation, [(author.Name, ContributorRoles.Translator)],
            TextNormalizer.Normalize(text), "First translation");
        var (translationId, revisionId) = await WithAsync<DocumentWrites, (long, long?)>(api,
            writes => writes.AddTranslationAsync(documentId, request, author, CancellationToken.None));
        await ReviewAsync(api, revisionId!.Value, ReviewDecision.Approve, await PersonAsync(api, Reviewer));
        return (translationId, revisionId.Value);
    }

    /// <summary>Submits <paramref name="text"/> on the translation's head as <paramref name="author"/>; with a reviewer it is approved.</summary>
    public static async Task<long> SubmitAsync(
        ProvenanceApiFactory api, long translationId, string text, Actor author, string summary, Actor? reviewer = null)
    {
        var head = await DbAsync(api, db => db.Translations.AsNoTracking().Where(t => t.Id == translationId).Select(t => t.HeadRevisionId!.Value).FirstAsync());
        var outcome = await WithAsync<RevisionSubmission, SubmissionOutcome>(api, submission => submission.SubmitAsync(
            translationId, new ValidSubmission(head, TextNormalizer.Normalize(text), summary, []), author, CancellationToken.None));
        var revisionId = Assert.IsType<SubmissionOutcome.Created>(outcome).Revision.Id;
        if (reviewer is not null)
        {
            await ReviewAsync(api, revisionId, ReviewDecision.Approve, reviewer);
        }

        return revisionId;
    }

    public static Task ReviewAsync(ProvenanceApiFactory api, long revisionId, ReviewDecision decision, Actor reviewer) =>
        WithAsync<RevisionReview, RevisionDetail>(api, review =>
            review.ReviewAsync(revisionId, decision, "Checked against the original", reviewer, CancellationToken.None));

    public static async Task<T> DbAsync<T>(ProvenanceApiFactory api, Func<ProvenanceDbContext, Task<T>> query)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>());
    }

    private static async Task<T> WithAsync<TService, T>(ProvenanceApiFactory api, Func<TService, Task<T>> write)
        where TService : notnull
    {
        await using var scope = api.Services.CreateAsyncScope();
        try
        {
            return await write(scope.ServiceProvider.GetRequiredService<TService>());
        }
        finally
        {
            // A write through this instance, as an HTTP write would mark it: its next reads ask the database.
            api.Services.GetRequiredService<KnownValidators>().Written();
        }
    }
}
