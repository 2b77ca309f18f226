using Provenance.Api.Hosting;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Editing;

/// <summary>
/// The four-eyes rule text revisions and metadata changes share: a proposal is reviewed once, by
/// someone answerable for none of it. One place, so the two kinds of proposal cannot drift apart.
/// </summary>
public static class ReviewRule
{
    /// <param name="kind">What is reviewed, as the answer names it: "revision", "metadata change".</param>
    /// <param name="answerable">Who is answerable for the proposal: its author, and whoever imported it (ADR 0006).</param>
    public static void EnsureReviewable(string kind, long id, RevisionStatus status, Actor reviewer, params long?[] answerable)
    {
        if (answerable.Any(person => person is { } p && p == reviewer.ContributorId))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden", $"A {kind} is reviewed by someone other than its author.");
        }

        if (status != RevisionStatus.Proposed)
        {
            var name = status.ToString().ToLowerInvariant();
            throw new ProblemException(StatusCodes.Status409Conflict, "Already reviewed",
                $"{char.ToUpperInvariant(kind[0])}{kind[1..]} {id} is {name}; only proposed {kind}s are reviewed.",
                // Both kinds of proposal go through a revision's statuses (proposed, approved, rejected, superseded).
                new Dictionary<string, object?> { ["revisionStatus"] = name });
        }
    }
}
