using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provenance.Api.Hosting;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>
/// Issue 15 item 5: given a superuser's connection string (as every test host is), the service migrates with it
/// but serves requests as a restricted role it derives; connected as that role, each way around the append-only
/// audit trail is refused by PostgreSQL itself.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LeastPrivilegeTests(SeededApiHost host) : IClassFixture<SeededApiHost>
{
    private string AppConnection => host.Api.Services.GetRequiredService<DatabaseConnections>().App!;

    private async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Requests_run_as_a_derived_role_that_is_not_the_superuser_who_migrated()
    {
        await HttpAssert.JsonAsync(await host.Api.CreateClient().GetAsync("/api/documents"));
        var owner = new NpgsqlConnectionStringBuilder(host.Api.ConnectionString);
        var app = new NpgsqlConnectionStringBuilder(AppConnection);
        Assert.NotEqual(owner.Username, app.Username);
        Assert.Equal(AppRoleSetup.DerivedRoleName(owner.Database!), app.Username);

        await using var superuser = await OpenAsync(host.Api.ConnectionString);
        Assert.True((bool)(await ScalarAsync(superuser, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))!);
        // Every connection the service holds to its database is the app role's.
        await using var sessions = new NpgsqlCommand(
            "SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", superuser);
        await using var reader = await sessions.ExecuteReaderAsync();
        var users = new List<string>();
        while (await reader.ReadAsync())
        {
            users.Add(reader.GetString(0));
        }

        Assert.Equal([app.Username!], users);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET action = 'forged'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER ALL")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER ROLE CURRENT_USER SUPERUSER")]
    [InlineData("DROP TABLE audit_events")]
    public async Task The_service_role_is_refused(string sql)
    {
        await using var app = await OpenAsync(AppConnection);
        Assert.False((bool)(await ScalarAsync(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))!);
        Assert.True((long)(await ScalarAsync(app, "SELECT count(*) FROM audit_events"))! > 0);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(app, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);

        var verify = await HttpAssert.JsonAsync(await host.Api.CreateClient().GetAsync("/api/audit/verify"));
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task The_service_role_may_append_to_the_audit_trail_through_the_app()
    {
        using var editor = await host.Api.CreateClientWithRolesAsync("editor");
        var documentId = await Blame.TestHistory.SeedDocumentIdAsync(host.Api.CreateClient());
        await HttpAssert.JsonAsync(await editor.PostAsync($"/api/documents/{documentId}/citations",
            System.Net.Http.Json.JsonContent.Create(new { kind = "editorial", note = "appended as the app role" })), System.Net.HttpStatusCode.Created);
        await using var app = await OpenAsync(AppConnection);
        Assert.Equal(1L, await ScalarAsync(app, "SELECT count(*) FROM audit_events WHERE action = 'citation.added'"));
    }
}
