using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Provenance";

    /// <summary>An admin key accepted from configuration (<c>Provenance__BootstrapAdminKey</c>), stored hashed at start.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>When true, reads need a key too.</summary>
    public bool RequireKeyForReads { get; set; }
}

public static class Policies
{
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
}

public static class AuthSetup
{
    public static IHostApplicationBuilder AddProvenanceAuth(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // An admin may do what an editor or a reviewer may.
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(options.RequireKeyForReads ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build() : null);
        return builder;
    }

    /// <summary>The contributor behind the request's key, for audit events and authorship.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated.");
        return new Actor(long.Parse(id, CultureInfo.InvariantCulture), user.Identity?.Name ?? "unknown");
    }

    /// <summary>Stores the configured bootstrap admin key (hashed) once, with its audit event.</summary>
    public static async Task EnsureBootstrapAdminAsync(this WebApplication app)
    {
        var key = app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        if (key.Trim().Length < ApiKeys.MinimumBootstrapKeyLength)
        {
            // A short key can be guessed; say so without printing any of it.
            throw new StartupException(
                $"Provenance:BootstrapAdminKey is {key.Trim().Length} characters; an admin key is at least {ApiKeys.MinimumBootstrapKeyLength} "
                + "(e.g. the output of: openssl rand -base64 32).");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var hash = ApiKeys.Hash(key);
        if (await db.ApiKeys.AnyAsync(k => k.KeyHash == hash))
        {
            return;
        }

        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var stored = await db.InWriteTransactionAsync(async ct =>
        {
            var admin = new Contributor { Name = "Bootstrap admin", Kind = ContributorKind.System, CreatedAt = now };
            var apiKey = new ApiKey { Contributor = admin, KeyHash = hash, Prefix = ApiKeys.NewPublicId(), Roles = [Roles.Admin], CreatedAt = now };
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(Actor.System, AuditActions.KeyCreated, "key", apiKey.Id, null,
                new { contributorId = admin.Id, name = admin.Name, roles = apiKey.Roles, prefix = apiKey.Prefix, bootstrap = true }), ct);
            return apiKey;
        }, CancellationToken.None);
        app.Logger.LogInformation("Bootstrap admin key stored as key {KeyId} ({KeyPublicId})", stored.Id, stored.Prefix);
    }
}
