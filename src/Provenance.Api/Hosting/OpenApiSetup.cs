using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Provenance.Api.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, completed centrally from endpoint metadata so no
/// endpoint file restates it: the Bearer key scheme and each operation's security (from its
/// authorization metadata), the 4xx problem responses a client can get, tag descriptions, the license.
/// CI lints the result with Redocly's recommended rules (<c>.ci/run</c>).
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    /// <summary>Every tag an endpoint uses, with what it groups; the OpenAPI tests fail on a tag missing here.</summary>
    public static IReadOnlyDictionary<string, string> TagDescriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Documents"] = "Archival records: search, metadata, custody chain, translations.",
        ["Translations"] = "One rendering of a document in one language, its published text and its history of revisions.",
        ["Revisions"] = "Immutable full texts of a translation: read, submit (editor), review (reviewer), blame.",
        ["Diffs"] = "Word, character and line diffs between revisions or any two texts, the comparison of two translations and the collation of several.",
        ["Imports"] = "Importing archive records in the Wilson Center record format (editor).",
        ["Audit"] = "The append-only, hash-chained audit trail and its verification.",
        ["Provenance"] = "Where a document comes from: custody, translations, revisions and citations, also as W3C PROV-JSON.",
        ["Citations"] = "Structured citations attached to documents and revisions, and how to cite a document (Chicago, CSL-JSON, BibTeX).",
        ["Keys"] = "API keys and roles (admin), and who the caller's key belongs to.",
        ["Memento"] = "Time travel (RFC 7089): a translation's TimeGate and TimeMap, the revision published at a given time.",
    };

    public static IServiceCollection AddProvenanceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DescribeDocumentAsync);
            o.AddOperationTransformer(DescribeOperationAsync);
        });

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Provenance API";
        document.Info.Description =
            "Translations of archival documents with their provenance: revisions, diffs, blame, review, citations and an audit trail. " +
            "Reads are public unless the service requires a key for reads; writes need an API key sent as `Authorization: Bearer <key>`. " +
            "Every error is an RFC 9457 problem document (`application/problem+json`).";
        // The project has not chosen an open-source license; the document says so rather than invent one.
        document.Info.License = new OpenApiLicense { Name = "All rights reserved (no license granted yet)" };

        // Redocly's no-server-trailing-slash: the generated server is the request's base URL with a slash.
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "An API key from `POST /api/keys` (or the configured bootstrap admin key), sent as `Authorization: Bearer <key>`.",
        };

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var fallback = await policies.GetFallbackPolicyAsync();

        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var data in authorize)
        {
            roles.UnionWith((data.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (data.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
            {
                roles.UnionWith(policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles));
            }
        }

        var needsKey = !anonymous && (authorize.Count > 0 || fallback is not null);
        operation.Responses ??= [];
        if (needsKey)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            await AddProblemAsync(operation, context, "401", "No key, an unknown key or a revoked key.", ct);
            if (roles.Count > 0)
            {
                await AddProblemAsync(operation, context, "403", $"The key lacks the role: needs one of {string.Join(", ", roles)}.", ct);
                operation.Description = Sentence(operation.Description, $"Needs a key with one of the roles {string.Join(", ", roles)}.");
            }
        }
        else
        {
            // Public: no key needed (an empty requirement list says so explicitly).
            operation.Security = [];
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            await AddProblemAsync(operation, context, "429", "Too many writes from this key; retry after the `Retry-After` seconds.", ct);
        }

        var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        if (hasInput)
        {
            await AddProblemAsync(operation, context, "400", "A parameter or the body cannot be read (wrong type or shape).", ct);
        }

        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
        {
            await AddProblemAsync(operation, context, "404", "Nothing exists at this path (no such id).", ct);
        }

        // Responses declared by the endpoints (TypedResults) often carry no body schema: every 4xx is a problem document.
        foreach (var (status, response) in operation.Responses)
        {
            if (IsClientError(status) && response is OpenApiResponse concrete && (concrete.Content is null || concrete.Content.Count == 0))
            {
                concrete.Content = await ProblemContentAsync(context, ct);
            }
        }
    }

    private static bool IsClientError(string status) =>
        int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and < 500;

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description, CancellationToken ct)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse { Description = description, Content = await ProblemContentAsync(context, ct) };
    }

    private static async Task<Dictionary<string, OpenApiMediaType>> ProblemContentAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }

        return new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        };
    }

    private static string Sentence(string? description, string sentence) =>
        string.IsNullOrWhiteSpace(description) ? sentence : $"{description.TrimEnd()} {sentence}";
}
