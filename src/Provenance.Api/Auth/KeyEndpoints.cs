using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Auth;

public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Roles);

public sealed record CreatedKey(long ContributorId, long KeyId, string Name, IReadOnlyList<string> Roles, string Key, string Prefix);

public sealed record Me(long ContributorId, string Name, IReadOnlyList<string> Roles);

public static class KeyEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/keys", CreateKey).WithTags("Keys").WithName("CreateKey").RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(WriteRateLimiting.Policy).Accepts<CreateKeyRequest>("application/json")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Create a contributor with an API key (admin). The key is in this answer only; the server keeps its hash.");
        routes.MapGet("/api/me", GetMe).WithTags("Keys").WithName("GetMe").RequireAuthorization()
            .WithSummary("Who the request's key belongs to, and its roles.");
        return routes;
    }

    public static async Task<Created<CreatedKey>> CreateKey(
        HttpRequest http, ClaimsPrincipal user, ProvenanceDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var request = await JsonBody.ReadAsync<CreateKeyRequest>(http, MaxBodyBytes, ct);
        var v = new Validation();
        var name = v.Required("name", request.Name, 300);
        var roles = request.Roles?.Select(r => r?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r, StringComparer.Ordinal)))
        {
            v.Add("roles", $"roles is a non-empty list of {string.Join(", ", Roles.All)}.");
        }

        v.ThrowIfInvalid();

        var key = ApiKeys.NewKey();
        var now = time.GetUtcNow();
        var apiKey = await db.InWriteTransactionAsync(async ct =>
        {
            var contributor = new Contributor { Name = name!, Kind = ContributorKind.Person, CreatedAt = now };
            var apiKey = new ApiKey { Contributor = contributor, KeyHash = ApiKeys.Hash(key), Prefix = ApiKeys.DisplayPrefix(key), Roles = roles, CreatedAt = now };
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(user.ToActor(), AuditActions.KeyCreated, "key", apiKey.Id, null,
                new { contributorId = contributor.Id, name, roles, prefix = apiKey.Prefix }), ct);
            return apiKey;
        }, ct);

        return TypedResults.Created($"/api/contributors/{apiKey.ContributorId}",
            new CreatedKey(apiKey.ContributorId, apiKey.Id, name!, roles, key, apiKey.Prefix));
    }

    public static Ok<Me> GetMe(ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(new Me(actor.ContributorId!.Value, actor.Name,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()));
    }
}
