using Npgsql;
using NpgsqlTypes;

namespace Provenance.Api.Hosting;

public sealed class ReadReplicaOptions
{
    public const string Section = "Provenance:ReadReplica";

    /// <summary>After the standby failed a read, reads go to the primary for this long before the standby is tried again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The hot standby of <c>ConnectionStrings:ProvenanceReplica</c>: whether it may serve a read, given the commit
/// LSN of the client's last write, and whether it is up. What it has replayed only grows, so a replay position
/// once seen answers later checks without asking the standby again.
/// </summary>
public sealed class ReadReplica(NpgsqlDataSource standby, NpgsqlDataSource primary, ReadReplicaOptions options, TimeProvider time, ILogger<ReadReplica> logger)
    : IAsyncDisposable
{
    private long _replayed;
    private long _downUntil;

    public NpgsqlDataSource Standby { get; } = standby;

    public bool IsDown => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntil);

    /// <summary>True when the standby is up (as far as known) and has replayed <paramref name="written"/> (if any).</summary>
    public async Task<bool> CanServeAsync(NpgsqlLogSequenceNumber? written, CancellationToken ct)
    {
        if (IsDown)
        {
            return false;
        }

        if (written is not { } lsn || (ulong)Interlocked.Read(ref _replayed) >= (ulong)lsn)
        {
            return true;
        }

        try
        {
            await using var command = Standby.CreateCommand(
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END");
            if (await command.ExecuteScalarAsync(ct) is not NpgsqlLogSequenceNumber replayed)
            {
                return false;
            }

            InterlockedMax(ref _replayed, (long)(ulong)replayed);
            return replayed >= lsn;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            MarkDown(e);
            return false;
        }
    }

    /// <summary>
    /// The primary's WAL insert position now: past the commit record of every write that has returned. (Not
    /// <c>pg_current_wal_lsn()</c>, the write position: with <c>synchronous_commit=off</c> a commit may not be written yet.)
    /// </summary>
    public async Task<NpgsqlLogSequenceNumber> PrimaryLsnAsync(CancellationToken ct)
    {
        await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    public void MarkDown(Exception reason)
    {
        Interlocked.Exchange(ref _downUntil, (time.GetUtcNow() + options.RetryAfter).UtcTicks);
        logger.LogWarning(reason, "The read standby failed; reads go to the primary for {RetryAfter}", options.RetryAfter);
    }

    /// <summary>A failure of the standby itself (cannot connect, shutting down, in recovery trouble), not of the query.</summary>
    public static bool IsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException p)
            {
                // 08: connection exceptions; 57P: operator intervention (shutdown, cannot connect now); 40001 on a
                // standby: a query cancelled because replay needed the rows it read.
                return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || p.SqlState == PostgresErrorCodes.SerializationFailure;
            }

            if (x is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask DisposeAsync() => Standby.DisposeAsync();

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while ((ulong)value > (ulong)current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
