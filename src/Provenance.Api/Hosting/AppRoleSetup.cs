using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Provenance.Api.Hosting;

/// <summary>
/// Least privilege: the owner migrates; every request runs as a separate role that may read and write the
/// tables but only read and append <c>audit_events</c>, owns nothing (so it cannot disable a trigger) and is not a
/// superuser (so it cannot set <c>session_replication_role</c>). The role is <c>Provenance:Database:AppRole</c>,
/// else <c>&lt;database&gt;_app</c>; an owner that may create roles (a superuser, as in the private cluster, docker
/// compose and most test set-ups) creates it if missing and gives it a password derived from its own, so every
/// instance of one deployment derives the same. <c>ConnectionStrings:ProvenanceApp</c> names a role (and its
/// password) that a DBA made instead.
/// </summary>
public static partial class AppRoleSetup
{
    public const string AppRoleSetting = "Provenance:Database:AppRole";
    public const string AppConnectionName = "ProvenanceApp";

    private const long SetupLock = 0x50524f56_524f4c45; // "PROVROLE"

    /// <summary>Sets up the app role as the owner and returns the connection string requests use.</summary>
    public static async Task<string> PrepareAsync(string ownerConnectionString, IConfiguration configuration, ILogger logger)
    {
        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        var given = configuration.GetConnectionString(AppConnectionName);
        var role = !string.IsNullOrWhiteSpace(given) ? new NpgsqlConnectionStringBuilder(given).Username
            : configuration[AppRoleSetting] is { Length: > 0 } configured ? configured
            : DerivedRoleName(owner.Database ?? "provenance");
        if (role is null || !RoleName().IsMatch(role))
        {
            throw new StartupException($"The app role '{role}' ({AppRoleSetting} or the user of ConnectionStrings:{AppConnectionName}) is not a plain PostgreSQL role name (a-z, 0-9, _).");
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({SetupLock})");
        var (ownerName, ownerIsSuperuser, ownerCreatesRoles) = await CurrentRoleAsync(connection);
        var existing = await IsSuperuserAsync(connection, role);
        if (existing is true || (string.Equals(role, ownerName, StringComparison.Ordinal) && ownerIsSuperuser))
        {
            throw new StartupException($"The app role {role} is a superuser; the service never serves requests as a superuser. Name another role in {AppRoleSetting}.");
        }

        string appConnection;
        if (!string.IsNullOrWhiteSpace(given))
        {
            appConnection = given;
        }
        else if (ownerIsSuperuser || ownerCreatesRoles)
        {
            var password = DerivedPassword(owner.Password, role);
            // The password is base64url: nothing in it needs quoting.
            await ExecuteAsync(connection, existing is null
                ? $"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'"
                : $"ALTER ROLE \"{role}\" LOGIN PASSWORD '{password}'");
            appConnection = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role, Password = password }.ConnectionString;
        }
        else
        {
            logger.LogWarning(
                "{Owner} may not create roles and ConnectionStrings:{AppConnection} is not set: requests run as the owner {Owner}, which could disable the audit trail's triggers. Give it CREATEROLE, or create a role and set ConnectionStrings:{AppConnection}",
                ownerName, AppConnectionName, ownerName, AppConnectionName);
            return ownerConnectionString;
        }

        await ExecuteAsync(connection, GrantScript(role));
        await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({SetupLock})");
        await CheckAppRoleAsync(appConnection, role);
        logger.LogInformation("Requests run as role {AppRole}: it reads and appends the audit trail, never changes it; {Owner} migrated", role, ownerName);
        return appConnection;
    }

    /// <summary>The statements, also printed in docs/provenance.md for deployments that grant by hand.</summary>
    public static string GrantScript(string role) => $"""
        GRANT USAGE ON SCHEMA public TO "{role}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}";
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM "{role}";
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM "{role}";
        GRANT SELECT, INSERT ON audit_events TO "{role}";
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_tree_nodes FROM "{role}";
        GRANT SELECT, INSERT ON audit_tree_nodes TO "{role}";
        """;

    /// <summary><c>&lt;database&gt;_app</c>, folded to a plain role name of at most 63 characters.</summary>
    public static string DerivedRoleName(string database)
    {
        var name = NotRoleCharacter().Replace(database.ToLowerInvariant(), "_");
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name = "p" + name;
        }

        return (name.Length > 59 ? name[..59] : name) + "_app";
    }

    /// <summary>Every instance given the same owner password derives the same app password; nobody without it can.</summary>
    private static string DerivedPassword(string? ownerPassword, string role) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ownerPassword ?? ""), Encoding.UTF8.GetBytes("provenance app role " + role)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task CheckAppRoleAsync(string appConnection, string role)
    {
        try
        {
            await using var app = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(appConnection) { Pooling = false }.ConnectionString);
            await app.OpenAsync();
            var (user, superuser, _) = await CurrentRoleAsync(app);
            if (superuser)
            {
                throw new StartupException($"The app role {user} is a superuser; the service never serves requests as a superuser.");
            }
        }
        catch (NpgsqlException e)
        {
            throw new StartupException(
                $"The service could not connect as its app role {role}: {e.Message} Allow it in pg_hba.conf, or create a role and set ConnectionStrings:{AppConnectionName}.");
        }
    }

    /// <summary>Whether <paramref name="role"/> is a superuser; null when it does not exist.</summary>
    private static async Task<bool?> IsSuperuserAsync(NpgsqlConnection connection, string role)
    {
        await using var command = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = $1", connection);
        command.Parameters.AddWithValue(role);
        return (bool?)await command.ExecuteScalarAsync();
    }

    private static async Task<(string Name, bool IsSuperuser, bool CreatesRoles)> CurrentRoleAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT current_user::text, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotRoleCharacter();
}
