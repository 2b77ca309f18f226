using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Provenance.Api.Caching;
using Provenance.Data;
using Provenance.Data.Entities;
using Provenance.Text.Comparison;

namespace Provenance.Api.Diffs;

/// <summary>One translation as collated: how a reader knows it, and which revision's text was read.</summary>
public sealed record CollatedWitness(
    long TranslationId,
    string Label,
    string Language,
    string Kind,
    IReadOnlyList<string> Translators,
    long RevisionId,
    int RevisionNumber,
    IReadOnlyList<NormalizationStep> Normalization);

/// <param name="Absent">The witness has nothing at this place (a passage it left out, or one only others added).</param>
/// <param name="Group">Readings with the same group read alike after normalization (the TEI <c>rdg</c>s, 0-based).</param>
public sealed record CollatedReading(long TranslationId, string Text, bool Absent, int Group);

/// <param name="Agreement">Mean word similarity over the pairs of witnesses, an absent reading counting 0 against a present one (1 = all read alike).</param>
public sealed record CollatedSegment(IReadOnlyList<CollatedReading> Readings, double Agreement);

public sealed record CollationResponse(long DocumentId, IReadOnlyList<CollatedWitness> Witnesses, IReadOnlyList<CollatedSegment> Segments, bool Bounded);

public static class CollationEndpoints
{
    public const string TeiMediaType = "application/tei+xml";

    public static IEndpointRouteBuilder MapCollationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents/{id:long}/collation", CollateTranslations).WithTags("Diffs").WithName("CollateTranslations")
            // One declaration per status is kept, so the TEI answer is added to the JSON one (Ok<CollationResponse>).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                {
                    content[TeiMediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }

                return Task.CompletedTask;
            })
            .WithSummary("Collate several translations of one document (translations=a,b,c, the first the base; all its translations when omitted) into a variant table: one segment per passage with every witness's reading and their agreement. format=json|tei (TEI P5 parallel segmentation).")
            .CachedBy(CacheValidators.Collation);
        return routes;
    }

    public static async Task<Results<Ok<CollationResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> CollateTranslations(
        long id, string? translations, string? format, ProvenanceDbContext db, IOptions<DiffLimits> options, CancellationToken ct)
    {
        var limits = options.Value;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var tei = (format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "json" => false,
            "tei" => true,
            _ => Error(errors, "format", $"format is json or tei, not '{format}'."),
        };
        var named = ParseIds(translations, limits.MaxCollationWitnesses, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var title = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => d.Title).FirstOrDefaultAsync(ct);
        if (title is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Document {id} does not exist.");
        }

        // Without a list, the document's renderings: a transcription of the original shares no words with them.
        var query = db.Translations.AsNoTracking().Where(t => t.DocumentId == id);
        query = named is null ? query.Where(t => t.Kind == TranslationKinds.Translation).OrderBy(t => t.Id).Take(limits.MaxCollationWitnesses + 1) : query.Where(t => named.Contains(t.Id));
        var found = await query.Select(t => new
            {
                t.Id,
                t.Language,
                t.Kind,
                Translator = t.Translator == null ? null : t.Translator.Name,
                Contributors = t.Contributors.OrderBy(c => c.Order).Select(c => new { c.Contributor!.Name, c.Role }).ToList(),
                // Readers collate what is published; a translation with nothing approved yet shows its head.
                Revision = db.Revisions.Where(r => r.Id == (t.CurrentRevisionId ?? t.HeadRevisionId)).Select(r => new { r.Id, r.Number }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        if (named is null && (found.Count < 2 || found.Count > limits.MaxCollationWitnesses))
        {
            errors["translations"] = [found.Count < 2
                ? $"Document {id} has {found.Count} translation(s); collating needs at least 2 (name originals explicitly to include them)."
                : $"Document {id} has more than {limits.MaxCollationWitnesses} translations; name at most {limits.MaxCollationWitnesses} in translations=."];
        }

        var missing = named?.Where(wanted => found.All(t => t.Id != wanted)).ToList() ?? [];
        if (missing.Count > 0)
        {
            errors["translations"] = [.. missing.Select(wanted => $"Translation {wanted} is not a translation of document {id}.")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var ordered = named?.Select(wanted => found.First(t => t.Id == wanted)).ToList() ?? found;
        var texts = await RevisionStore.GetTextsAsync(db, ordered.Where(t => t.Revision is not null).Select(t => t.Revision!.Id), ct);
        var bytes = texts.Values.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        if (bytes > limits.MaxCollationTextBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["translations"] = [$"The texts together are {bytes} bytes of UTF-8; at most {limits.MaxCollationTextBytes} are collated at once. Name fewer translations."],
            });
        }

        var witnesses = ordered.Select(t =>
        {
            var translators = t.Contributors.Where(c => c.Role == ContributorRoles.Translator).Select(c => c.Name).ToList();
            if (translators.Count == 0 && t.Translator is not null)
            {
                translators.Add(t.Translator);
            }

            var credited = translators.Count > 0 ? translators : t.Contributors.Select(c => c.Name).ToList();
            return new
            {
                t.Id, t.Language, t.Kind, Translators = translators, t.Revision,
                Label = Label(t.Id, t.Language, t.Kind, credited),
                Text = t.Revision is { } r ? texts[r.Id] : "",
            };
        }).ToList();

        // Two witnesses a reader would call alike (one translator's two versions) are told apart by their ids.
        var labels = witnesses.Select(w => witnesses.Count(o => o.Label == w.Label) > 1 ? $"{w.Label} (#{w.Id})" : w.Label).ToList();
        var collation = Collator.Collate(witnesses.Select((w, k) => new CollationInput(w.Id, labels[k], w.Text)).ToList());
        if (tei)
        {
            return TypedResults.Text(TeiWriter.Write(collation, $"{title}: collation of {witnesses.Count} translations"), TeiMediaType, Encoding.UTF8);
        }

        return TypedResults.Ok(new CollationResponse(
            id,
            witnesses.Select((w, k) => new CollatedWitness(w.Id, labels[k], w.Language, w.Kind, w.Translators, w.Revision?.Id ?? 0, w.Revision?.Number ?? 0,
                collation.Witnesses[k].Normalization)).ToList(),
            collation.Segments.Select(s => new CollatedSegment(
                s.Readings.Select((r, k) => new CollatedReading(r.TranslationId, r.Text, r.Text.Length == 0, GroupOf(s, k))).ToList(),
                s.Agreement)).ToList(),
            collation.Bounded));
    }

    /// <summary>"en — Goitein and Friedman"; an original says so: "jrb — original, transcribed by Gil".</summary>
    private static string Label(long id, string language, string kind, List<string> names)
    {
        var who = names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        };
        return kind == TranslationKinds.Original
            ? $"{language} — original{(who is null ? $" {id}" : $", transcribed by {who}")}"
            : $"{language} — {who ?? $"translation {id}"}";
    }

    private static int GroupOf(CollationSegment segment, int witness)
    {
        for (var g = 0; g < segment.Groups.Count; g++)
        {
            if (segment.Groups[g].Contains(witness))
            {
                return g;
            }
        }

        return witness;
    }

    /// <summary>The ids of <c>translations=a,b,c</c> in order; null when the parameter is absent (all translations).</summary>
    private static List<long>? ParseIds(string? translations, int max, Dictionary<string, string[]> errors)
    {
        if (translations is null)
        {
            return null;
        }

        var ids = new List<long>();
        foreach (var part in translations.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Error(errors, "translations", $"'{part}' is not a translation id; translations is a comma-separated list of ids, e.g. translations=12,15,17.");
                return null;
            }

            ids.Add(value);
        }

        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            Error(errors, "translations", $"Translation {string.Join(", ", duplicates)} is named more than once; name each witness once.");
        }
        else if (ids.Count < 2)
        {
            Error(errors, "translations", "Name at least 2 translations to collate.");
        }
        else if (ids.Count > max)
        {
            Error(errors, "translations", $"{ids.Count} translations named; at most {max} are collated at once.");
        }

        return ids;
    }

    private static bool Error(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return false;
    }
}
