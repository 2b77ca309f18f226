using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;

namespace Provenance.Api.Audit;

/// <summary>
/// When <c>Provenance:Database:AppRole</c> names a separate role for the application, startup (after
/// migrations, as the owner) gives that role ordinary rights on the tables but on <c>audit_events</c> only
/// SELECT and INSERT: the database then refuses UPDATE, DELETE and TRUNCATE by privilege, before the triggers.
/// </summary>
public static partial class AuditRoleSetup
{
    public const string AppRoleSetting = "Provenance:Database:AppRole";

    public static async Task ApplyAuditRoleGrantsAsync(this WebApplication app)
    {
        var role = app.Configuration[AppRoleSetting];
        if (string.IsNullOrWhiteSpace(role))
        {
            return;
        }

        if (!RoleName().IsMatch(role))
        {
            throw new InvalidOperationException($"{AppRoleSetting} '{role}' is not a plain PostgreSQL role name.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        await db.Database.ExecuteSqlRawAsync(GrantScript(role));
        app.Logger.LogInformation("Role {AppRole} may read and append the audit trail, never change it", role);
    }

    /// <summary>The statements, also printed in docs/provenance.md for deployments that grant by hand.</summary>
    public static string GrantScript(string role) => $"""
        GRANT USAGE ON SCHEMA public TO "{role}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}";
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM "{role}";
        GRANT SELECT, INSERT ON audit_events TO "{role}";
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_tree_nodes FROM "{role}";
        GRANT SELECT, INSERT ON audit_tree_nodes TO "{role}";
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
