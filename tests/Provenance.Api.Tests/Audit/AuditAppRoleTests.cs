using Npgsql;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class AuditAppRoleTests(TestPostgres postgres)
{
    [Fact]
    public async Task A_configured_app_role_may_read_and_append_audit_events_but_not_change_them()
    {
        var role = $"provenance_app_{Guid.NewGuid():N}"[..30];
        var database = await postgres.CreateDatabaseAsync();
        await using (var owner = new NpgsqlConnection(database))
        {
            await owner.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN", owner);
            await create.ExecuteNonQueryAsync();
        }

        var api = new ProvenanceApiFactory(database, new Dictionary<string, string?>
        {
            ["Provenance:SeedDirectory"] = "none",
            ["Provenance:BootstrapAdminKey"] = ProvenanceApiFactory.BootstrapAdminKey,
            ["Provenance:Database:AppRole"] = role,
        }, scratchOf: postgres);
        try
        {
            _ = api.Server;
            await AssertRoleAsync(database, role);
        }
        finally
        {
            await api.DisposeAsync();
            // The role belongs to the server, not the dropped database: a user's server keeps none of them either.
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ServerConnection) { Pooling = false }.ConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {role}", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task AssertRoleAsync(string database, string role)
    {

        await using var app = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Username = role, Pooling = false }.ConnectionString);
        await app.OpenAsync();
        foreach (var (privilege, expected) in new[] { ("SELECT", true), ("INSERT", true), ("UPDATE", false), ("DELETE", false), ("TRUNCATE", false) })
        {
            await using var check = new NpgsqlCommand($"SELECT has_table_privilege('audit_events', '{privilege}')", app);
            Assert.True(expected == (bool)(await check.ExecuteScalarAsync())!, $"{role} {privilege} on audit_events should be {expected}");
        }

        await using (var read = new NpgsqlCommand("SELECT count(*) FROM audit_events", app))
        {
            Assert.True((long)(await read.ExecuteScalarAsync())! >= 1);
        }

        await using (var documents = new NpgsqlCommand("SELECT has_table_privilege('documents', 'UPDATE')", app))
        {
            Assert.True((bool)(await documents.ExecuteScalarAsync())!);
        }

        await using var update = new NpgsqlCommand("UPDATE audit_events SET action = 'forged'", app);
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
    }
}
