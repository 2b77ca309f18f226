using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Auth;

public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Roles);

public sealed record CreatedKey(long ContributorId, long KeyId, string Name, IReadOnlyList<string> Roles, string Key, string Prefix);

public sealed record Me(long ContributorId, string Name, IReadOnlyList<string> Roles);

/// <summary>A key as an admin sees it: never the key or its hash, only its public identifier (<c>prefix</c>).</summary>
public sealed record KeyView(
    long KeyId, long ContributorId, string Name, IReadOnlyList<string> Roles, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record KeyList(IReadOnlyList<KeyView> Items);

public static class KeyEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    private const long RevocationLock = 0x50524f56_4b455953; // "PROVKEYS"

    /// <summary>What an admin sees of a key: one definition for the list query (translated to SQL) and a revoked key in memory.</summary>
    private static readonly Expression<Func<ApiKey, KeyView>> AsView =
        k => new KeyView(k.Id, k.ContributorId, k.Contributor!.Name, k.Roles, k.Prefix, k.CreatedAt, k.RevokedAt);

    private static readonly Func<ApiKey, KeyView> ToView = AsView.Compile();

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/keys", CreateKey).WithTags("Keys").WithName("CreateKey").RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(WriteRateLimiting.Policy).Accepts<CreateKeyRequest>("application/json")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Create a contributor with an API key (admin). The key is in this answer only; the server keeps its hash.");
        routes.MapGet("/api/keys", ListKeys).WithTags("Keys").WithName("ListKeys").RequireAuthorization(Policies.Admin)
            .WithSummary("Every key (admin): who holds it, its roles and prefix, when it was created and revoked.");
        routes.MapDelete("/api/keys/{id:long}", RevokeKey).WithTags("Keys").WithName("RevokeKey").RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(WriteRateLimiting.Policy)
            .WithSummary("Revoke a key (admin): it stops authenticating at once. Revoking a revoked key changes nothing; the last active admin key cannot be revoked.");
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

        var (key, publicId) = ApiKeys.NewKey();
        var now = time.GetUtcNow();
        var apiKey = await db.InWriteTransactionAsync(async ct =>
        {
            var contributor = new Contributor { Name = name!, Kind = ContributorKind.Person, CreatedAt = now };
            var apiKey = new ApiKey { Contributor = contributor, KeyHash = ApiKeys.Hash(key), Prefix = publicId, Roles = roles, CreatedAt = now };
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(user.ToActor(), AuditActions.KeyCreated, "key", apiKey.Id, null,
                new { contributorId = contributor.Id, name, roles, prefix = apiKey.Prefix }), ct);
            return apiKey;
        }, ct);

        return TypedResults.Created($"/api/contributors/{apiKey.ContributorId}",
            new CreatedKey(apiKey.ContributorId, apiKey.Id, name!, roles, key, apiKey.Prefix));
    }

    public static async Task<Ok<KeyList>> ListKeys(ProvenanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new KeyList(await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id)
            .Select(AsView)
            .ToListAsync(ct)));

    public static async Task<Ok<KeyView>> RevokeKey(
        long id, ClaimsPrincipal user, ProvenanceDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var revoked = await db.InWriteTransactionAsync(async ct =>
        {
            // Revocations one at a time: two admins revoking each other's keys at once must not leave none.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RevocationLock})", ct);
            var key = await db.ApiKeys.Include(k => k.Contributor).SingleOrDefaultAsync(k => k.Id == id, ct)
                ?? throw new ProblemException(StatusCodes.Status404NotFound, "Not found", $"Key {id} does not exist.");
            if (key.RevokedAt is not null)
            {
                return key;
            }

            // Without an active admin key nobody could create or revoke keys again (short of a new bootstrap key).
            if (key.Roles.Contains(Roles.Admin)
                && !await db.ApiKeys.AnyAsync(k => k.Id != id && k.RevokedAt == null && k.Roles.Contains(Roles.Admin), ct))
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "Last admin key",
                    $"Key {id} is the last active admin key; create another admin key before revoking it.");
            }

            // As PostgreSQL stores it, so this answer and later reads agree.
            key.RevokedAt = AuditChain.TruncateToMicroseconds(time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(user.ToActor(), AuditActions.KeyRevoked, "key", key.Id, null,
                new { contributorId = key.ContributorId, prefix = key.Prefix }), ct);
            return key;
        }, ct);

        return TypedResults.Ok(ToView(revoked));
    }

    public static Ok<Me> GetMe(ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(new Me(actor.ContributorId!.Value, actor.Name,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()));
    }
}
