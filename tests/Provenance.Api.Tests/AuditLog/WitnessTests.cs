using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Audit;
using Provenance.Api.Tests.Support;
using Provenance.Cli.Audit;
using Provenance.Data.Auditing;
using Provenance.Testing;
using Serilog.Events;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>The witness file outside the database, the warning at start, the tree catching up, and the CLI check.</summary>
[Collection(ApiCollection.Name)]
public sealed class WitnessTests(TestPostgres postgres) : IAsyncLifetime
{
    private AuditLogHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AuditLogHost.StartAsync(postgres);
        for (var i = 0; i < 4; i++)
        {
            await _host.AddCitationAsync($"note {i}");
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_witness_file_holds_a_signed_checkpoint_of_the_grown_tree()
    {
        await _host.PublishAsync();
        var key = await _host.VerifierKeyAsync();
        var (exit, output, error) = await AuditLogHost.RunVerifierAsync(null, "checkpoint", key, _host.WitnessFile);
        Assert.True(exit == 0, error);
        var size = JsonDocument.Parse(output).RootElement.GetProperty("size").GetInt64();
        Assert.Equal((await _host.EventsAsync()).Count, size);

        await _host.AddCitationAsync("grown");
        await _host.PublishAsync();
        var (_, grown, _) = await AuditLogHost.RunVerifierAsync(null, "checkpoint", key, _host.WitnessFile);
        Assert.Equal(size + 1, JsonDocument.Parse(grown).RootElement.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_database_behind_its_witness_is_a_warning_at_start_and_the_witness_is_kept()
    {
        await _host.PublishAsync();
        var witnessed = await File.ReadAllTextAsync(_host.WitnessFile);
        var n = (await _host.EventsAsync()).Count;
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_events WHERE sequence > {n - 2}");
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_tree_nodes WHERE (index + 1) << level > {n - 2}");
        }

        var (host, log) = _host.Restart();
        await using (host)
        {
            var warning = Assert.Single(log.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("witness", StringComparison.Ordinal));
            Assert.Contains("behind", warning.RenderMessage(), StringComparison.Ordinal);
            await host.Services.GetRequiredService<AuditWitness>().PublishAsync(CancellationToken.None);
            Assert.Equal(witnessed, await File.ReadAllTextAsync(_host.WitnessFile));
        }
    }

    [Fact]
    public async Task A_database_that_extends_its_witness_starts_without_a_warning()
    {
        await _host.PublishAsync();
        await _host.AddCitationAsync("after the witness");
        var (host, log) = _host.Restart();
        await using (host)
        {
            Assert.DoesNotContain(log.Events, e => e.Level >= LogEventLevel.Warning && e.RenderMessage().Contains("witness", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Events_written_before_the_tree_are_added_to_it_at_start()
    {
        var before = await _host.CheckpointAsync();
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, "DELETE FROM audit_tree_nodes");
        }

        var (host, _) = _host.Restart();
        await using (host)
        {
            var client = host.CreateClient();
            Assert.Equal(before, await client.GetStringAsync("/api/audit/checkpoint"));
            var hashes = (await _host.EventsAsync()).Select(e => e.GetProperty("hash").GetString()!).ToList();
            var roots = await AuditLogHost.IndependentRootsAsync(hashes);
            Assert.Equal(roots[^1], before.Split('\n')[2]);
        }
    }

    [Fact]
    public async Task The_cli_says_whether_the_database_extends_a_saved_checkpoint()
    {
        var saved = await _host.WriteFileAsync("saved.checkpoint", await _host.CheckpointAsync());
        var key = await _host.VerifierKeyAsync();
        var output = new StringWriter();
        Assert.Equal(0, await AuditVerifyCommand.RunAsync(saved, key, _host.Api.ConnectionString, output, CancellationToken.None));
        Assert.True(JsonDocument.Parse(output.ToString()).RootElement.GetProperty("ok").GetBoolean());

        var n = (await _host.EventsAsync()).Count;
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_events WHERE sequence = {n}");
        }

        output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(saved, key, _host.Api.ConnectionString, output, CancellationToken.None));
        var result = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.False(result.GetProperty("consistent").GetBoolean());
        Assert.Equal(n, result.GetProperty("divergesAt").GetInt64());

        using var other = NoteSigner.Generate("provenance/audit");
        output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(saved, other.VerifierKey, _host.Api.ConnectionString, output, CancellationToken.None));
    }
}
