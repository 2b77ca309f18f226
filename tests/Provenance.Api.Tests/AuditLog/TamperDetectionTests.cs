using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Testing;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>
/// What the hash chain alone misses and a saved checkpoint catches: a cut-off tail, an event rewritten with
/// every later hash recomputed, an older backup restored. Tampering runs as the superuser with triggers off.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TamperDetectionTests(TestPostgres postgres) : IAsyncLifetime
{
    private AuditLogHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AuditLogHost.StartAsync(postgres);
        for (var i = 0; i < 8; i++)
        {
            await _host.AddCitationAsync($"note {i}");
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> ChainVerifyAsync() => await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit/verify"));

    [Fact]
    public async Task An_intact_log_extends_every_checkpoint_it_signed()
    {
        var saved = await _host.CheckpointAsync();
        await _host.AddCitationAsync("later");
        var result = await _host.VerifyAsync(saved);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("consistent").GetBoolean());
        Assert.Equal((await _host.EventsAsync()).Count, result.GetProperty("treeSize").GetInt64());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("divergesAt").ValueKind);
    }

    [Fact]
    public async Task A_truncated_tail_is_detected_at_the_first_missing_event()
    {
        var saved = await _host.CheckpointAsync();
        var n = (await _host.EventsAsync()).Count;
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_events WHERE sequence > {n - 3}");
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_tree_nodes WHERE (index + 1) << level > {n - 3}");
        }

        // The shorter chain is valid: the chain walk alone cannot tell.
        Assert.True((await ChainVerifyAsync()).GetProperty("ok").GetBoolean());
        var result = await _host.VerifyAsync(saved);
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.False(result.GetProperty("consistent").GetBoolean());
        Assert.Equal(n - 3, result.GetProperty("treeSize").GetInt64());
        Assert.Equal(n - 2, result.GetProperty("divergesAt").GetInt64());
    }

    [Fact]
    public async Task An_event_rewritten_with_every_later_hash_recomputed_is_detected_at_that_event()
    {
        var saved = await _host.CheckpointAsync();
        var events = await _host.EventsAsync();
        var target = events[^4].GetProperty("sequence").GetInt64();
        await RewriteFromAsync(target, "forged");

        Assert.True((await ChainVerifyAsync()).GetProperty("ok").GetBoolean(), "the forger recomputed the chain");
        var result = await _host.VerifyAsync(saved);
        Assert.False(result.GetProperty("consistent").GetBoolean(), result.ToString());
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(target, result.GetProperty("divergesAt").GetInt64());
    }

    [Fact]
    public async Task An_event_edited_in_place_leaves_the_tree_a_prefix_but_not_ok()
    {
        var saved = await _host.CheckpointAsync();
        var target = (await _host.EventsAsync())[^2];
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, $"UPDATE audit_events SET actor_name = 'someone else' WHERE id = {target.GetProperty("id").GetInt64()}");
        }

        var result = await _host.VerifyAsync(saved);
        Assert.True(result.GetProperty("consistent").GetBoolean(), "the stored hashes, the leaves, are unchanged");
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(target.GetProperty("sequence").GetInt64(), result.GetProperty("divergesAt").GetInt64());
    }

    [Fact]
    public async Task A_restored_older_backup_is_detected_at_the_first_event_it_lost_and_after_new_writes_too()
    {
        var k = (await _host.EventsAsync()).Count;
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, "CREATE TABLE backup_events AS SELECT * FROM audit_events; CREATE TABLE backup_nodes AS SELECT * FROM audit_tree_nodes");
        }

        for (var i = 0; i < 5; i++)
        {
            await _host.AddCitationAsync($"after the backup {i}");
        }

        var saved = await _host.CheckpointAsync();
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, """
                DELETE FROM audit_events; DELETE FROM audit_tree_nodes;
                INSERT INTO audit_events SELECT * FROM backup_events; INSERT INTO audit_tree_nodes SELECT * FROM backup_nodes;
                """);
        }

        Assert.True((await ChainVerifyAsync()).GetProperty("ok").GetBoolean(), "a backup holds a valid chain");
        var restored = await _host.VerifyAsync(saved);
        Assert.False(restored.GetProperty("consistent").GetBoolean());
        Assert.Equal(k, restored.GetProperty("treeSize").GetInt64());
        Assert.Equal(k + 1, restored.GetProperty("divergesAt").GetInt64());

        // Written to again past the checkpoint's size: a fork of the log, still caught by its root.
        for (var i = 0; i < 7; i++)
        {
            await _host.AddCitationAsync($"after the restore {i}");
        }

        var forked = await _host.VerifyAsync(saved);
        Assert.False(forked.GetProperty("consistent").GetBoolean(), forked.ToString());
        Assert.False(forked.GetProperty("ok").GetBoolean());
        Assert.Contains("backup", forked.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_with_another_root_or_another_key_is_not_consistent()
    {
        var saved = await _host.CheckpointAsync();
        var lines = saved.Split('\n');
        var root = Convert.FromBase64String(lines[2]);
        root[0] ^= 1;
        lines[2] = Convert.ToBase64String(root);
        var altered = await _host.VerifyAsync(string.Join('\n', lines));
        Assert.False(altered.GetProperty("consistent").GetBoolean());
        Assert.Contains("signature", altered.GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var other = NoteSigner.Generate("provenance/audit");
        var text = saved[..(saved.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];
        var foreign = await _host.VerifyAsync(other.Sign(text));
        Assert.False(foreign.GetProperty("consistent").GetBoolean());
        Assert.False(foreign.GetProperty("ok").GetBoolean());
    }

    /// <summary>What a careful forger does: change an event, then recompute its hash and every later one, links included.</summary>
    private async Task RewriteFromAsync(long sequence, string actorName)
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence).OrderBy(e => e.Sequence).ToListAsync();
        var previous = (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == sequence - 1)).Hash;
        rows[0].ActorName = actorName;
        await using var connection = await _host.SuperuserAsync();
        foreach (var row in rows)
        {
            row.PreviousHash = previous;
            row.Hash = AuditChain.ComputeHash(row);
            previous = row.Hash;
            await using var update = new NpgsqlCommand("UPDATE audit_events SET actor_name = @name, previous_hash = @previous, hash = @hash WHERE id = @id", connection);
            update.Parameters.AddWithValue("name", row.ActorName);
            update.Parameters.AddWithValue("previous", row.PreviousHash);
            update.Parameters.AddWithValue("hash", row.Hash);
            update.Parameters.AddWithValue("id", row.Id);
            await update.ExecuteNonQueryAsync();
        }
    }
}
