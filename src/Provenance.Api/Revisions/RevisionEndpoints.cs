using Microsoft.AspNetCore.Http.HttpResults;
using Provenance.Api.Caching;
using Provenance.Api.Editing;
using Provenance.Api.Memento;
using Provenance.Data;

namespace Provenance.Api.Revisions;

public static class RevisionEndpoints
{
    public static IEndpointRouteBuilder MapRevisionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/revisions").WithTags("Revisions");
        group.MapGet("/{id:long}", GetRevision).WithName("GetRevision")
            .WithSummary("One revision with its text, SHA-256, number, parent, author, summary, status and timestamps.")
            .WithMementoHeaders().CachedBy(CacheValidators.Revision, keepBodies: true);
        return routes;
    }

    public static async Task<Results<Ok<RevisionDetail>, NotFound>> GetRevision(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        // The text is rebuilt by the revision store (snapshot plus deltas), not read from a column.
        var revision = await RevisionQueries.DetailWithoutText(db, id, ct);
        if (revision is null)
        {
            return TypedResults.NotFound();
        }

        revision = revision with { Text = await RevisionStore.GetTextAsync(db, revision.Id, ct) };
        return TypedResults.Ok(revision);
    }
}
