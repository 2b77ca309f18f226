using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Provenance.Api.Tests.Hosting;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>Start-up as an operator meets it, in a real process: a missing database, a short admin key, what the log shows.</summary>
[Collection(ApiCollection.Name)]
public sealed class StartupTests(TestPostgres postgres)
{
    private const string AdminKey = "pvk_Wq7Zr2Xm9Kc4Nv8Tb3Hy6Jd5Lp1Fs0Gx";

    /// <summary>The test server, asked for a database the test never creates.</summary>
    private NpgsqlConnectionStringBuilder MissingDatabase() =>
        new(postgres.ServerConnection) { Database = $"missing_{Guid.NewGuid():N}" };

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnectionStringBuilder target)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(target.Database!);
        return (long)(await exists.ExecuteScalarAsync())! == 1;
    }

    /// <summary>Neither the runtime's report of an unhandled exception nor a logged one (JSON lines escape its newlines).</summary>
    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotMatch(@"(?m)^\s+at [\w.]+", output);
        Assert.DoesNotContain("\\n   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_created_migrated_and_served()
    {
        var target = MissingDatabase();
        Assert.False(await DatabaseExistsAsync(target));

        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = target.ConnectionString,
            ["Provenance__BootstrapAdminKey"] = AdminKey,
        });
        Assert.True(await api.ReadyOrExitedAsync(), api.Output);
        Assert.True(await DatabaseExistsAsync(target));
        Assert.Contains("Created database", api.Output, StringComparison.Ordinal);
        Assert.Contains(target.Database!, api.Output, StringComparison.Ordinal);

        using var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var me = await HttpAssert.JsonAsync(await client.GetAsync("/api/me"));
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        AssertNoStackTrace(api.Output);
    }

    [Fact]
    public async Task A_missing_database_the_user_may_not_create_is_named_with_what_to_run_and_no_stack_trace()
    {
        var target = MissingDatabase();
        var role = $"nocreatedb_{Guid.NewGuid():N}"[..24];
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOCREATEDB", admin);
            await create.ExecuteNonQueryAsync();
        }

        target.Username = role;
        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = target.ConnectionString,
        });
        Assert.False(await api.ReadyOrExitedAsync(), api.Output);
        Assert.Equal(1, api.ExitCode);
        Assert.Contains(target.Database!, api.Output, StringComparison.Ordinal);
        Assert.Contains("does not exist", api.Output, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", api.Output, StringComparison.Ordinal);
        AssertNoStackTrace(api.Output);
        Assert.False(await DatabaseExistsAsync(target));
    }

    [Fact]
    public async Task A_bootstrap_key_shorter_than_32_characters_is_refused_without_printing_it()
    {
        const string shortKey = "pvk_short-adm";
        await using var database = await postgres.CreateScratchDatabaseAsync();
        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = database.ConnectionString,
            ["Provenance__BootstrapAdminKey"] = shortKey,
        });
        Assert.False(await api.ReadyOrExitedAsync(), api.Output);
        Assert.Equal(1, api.ExitCode);
        Assert.Contains("at least 32", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("short-adm", api.Output, StringComparison.Ordinal);
        AssertNoStackTrace(api.Output);
    }

    [Fact]
    public async Task The_start_up_log_holds_no_part_of_the_bootstrap_key()
    {
        await using var database = await postgres.CreateScratchDatabaseAsync();
        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = database.ConnectionString,
            ["Provenance__BootstrapAdminKey"] = AdminKey,
            ["Serilog__MinimumLevel__Default"] = "Debug",
        });
        Assert.True(await api.ReadyOrExitedAsync(), api.Output);
        Assert.Contains("Bootstrap admin key stored", api.Output, StringComparison.Ordinal);
        Secrets.AssertHoldsNoPartOf(AdminKey, api.Output);
    }
}
