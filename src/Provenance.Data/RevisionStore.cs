using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data.Entities;

namespace Provenance.Data;

/// <summary>
/// Owns how revision texts are stored (ADR 0005): the root, every <see cref="SnapshotEvery"/>-th
/// revision and any revision whose delta would exceed half its text keep the full text (lz4);
/// the others a <see cref="RevisionDelta"/> against their parent. Reading rebuilds from the nearest
/// snapshot and checks the stored SHA-256, so a damaged row is an error, never a wrong text.
/// </summary>
public static class RevisionStore
{
    public const int SnapshotEvery = 50;

    /// <summary>
    /// Sets how <paramref name="revision"/> (its <see cref="Revision.Text"/> and <see cref="Revision.Number"/> set)
    /// is stored: a delta against <paramref name="parentText"/>, the text of its parent, or a snapshot.
    /// Without a parent text (or when called for no revision) the text is stored whole, which is always valid.
    /// </summary>
    public static void Encode(Revision revision, string? parentText) =>
        (revision.Snapshot, revision.StoredText, revision.Delta) = Encode(revision.Number, revision.Text, parentText);

    /// <summary>
    /// The stored columns of revision <paramref name="number"/> with <paramref name="text"/>: <c>(true, text, null)</c>
    /// for a snapshot, <c>(false, null, delta)</c> for a delta against <paramref name="parentText"/>.
    /// </summary>
    public static (bool Snapshot, string? Text, byte[]? Delta) Encode(int number, string text, string? parentText)
    {
        if (parentText is null || number <= 1 || number % SnapshotEvery == 0)
        {
            return (true, text, null);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var delta = RevisionDelta.Encode(Encoding.UTF8.GetBytes(parentText), bytes);
        return delta.Length > bytes.Length / 2 ? (true, text, null) : (false, null, delta);
    }

    /// <summary>Stores added revisions that no writer encoded as snapshots (test fixtures, tools): never a NULL text.</summary>
    internal static void EncodeUnencoded(ProvenanceDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Revision>())
        {
            if (entry.State == EntityState.Added && entry.Entity is { Snapshot: false, Delta: null, StoredText: null } revision)
            {
                Encode(revision, parentText: null);
            }
        }
    }

    /// <summary>The text of one revision; throws <see cref="KeyNotFoundException"/> when it does not exist.</summary>
    public static async Task<string> GetTextAsync(ProvenanceDbContext db, long revisionId, CancellationToken ct)
    {
        var texts = await GetTextsAsync(db, [revisionId], ct);
        return texts.TryGetValue(revisionId, out var text) ? text : throw new KeyNotFoundException($"Revision {revisionId} does not exist.");
    }

    /// <summary>
    /// The texts of the revisions of <paramref name="revisionIds"/> that exist, by id; two queries in all, one when
    /// every text is in <see cref="RevisionTextCache"/> under the SHA-256 the row stores now.
    /// </summary>
    public static Task<IReadOnlyDictionary<long, string>> GetTextsAsync(ProvenanceDbContext db, IEnumerable<long> revisionIds, CancellationToken ct) =>
        GetTextsAsync(db, revisionIds, RevisionTextCache.AppliesTo(db), ct);

    /// <summary>Rebuilds every text from its stored rows, reading and filling no cache (the verifier's read).</summary>
    internal static Task<IReadOnlyDictionary<long, string>> RebuildTextsAsync(ProvenanceDbContext db, IEnumerable<long> revisionIds, CancellationToken ct) =>
        GetTextsAsync(db, revisionIds, useCache: false, ct);

    private static async Task<IReadOnlyDictionary<long, string>> GetTextsAsync(ProvenanceDbContext db, IEnumerable<long> revisionIds, bool useCache, CancellationToken ct)
    {
        var ids = revisionIds.Distinct().ToArray();
        var texts = new Dictionary<long, string>();
        if (ids.Length == 0)
        {
            return texts;
        }

        if (!useCache)
        {
            RevisionTextCache.NoteUncached();
        }

        var wanted = new HashSet<long>(ids);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // 1. Where each wanted revision is, and its nearest snapshot at or before it.
            var ranges = new SortedDictionary<long, List<(int From, int To)>>();
            await using (var command = Command(db, """
                SELECT w.id, w.translation_id, w.number,
                       (SELECT max(s.number) FROM revisions s WHERE s.translation_id = w.translation_id AND s.number <= w.number AND s.snapshot),
                       w.sha256
                FROM revisions w WHERE w.id = ANY($1)
                """))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    // A cached text is used only under the hash the row stores now: it was rebuilt and checked against it.
                    if (useCache && RevisionTextCache.TryGet(db, id, reader.GetString(4).Trim()) is { } cached)
                    {
                        texts[id] = cached;
                        wanted.Remove(id);
                        continue;
                    }

                    if (await reader.IsDBNullAsync(3, ct))
                    {
                        throw new RevisionTextDamagedException(id, "no snapshot precedes it in its translation");
                    }

                    var list = ranges.TryGetValue(reader.GetInt64(1), out var l) ? l : ranges[reader.GetInt64(1)] = [];
                    list.Add((reader.GetInt32(3), reader.GetInt32(2)));
                }
            }

            if (ranges.Count == 0)
            {
                return texts;
            }

            // 2. One range read over (translation_id, number) per merged range of rows.
            var translations = new List<long>();
            var froms = new List<int>();
            var tos = new List<int>();
            foreach (var (translationId, list) in ranges)
            {
                list.Sort();
                var (from, to) = list[0];
                foreach (var (f, t) in list.Skip(1))
                {
                    if (f <= to + 1)
                    {
                        to = Math.Max(to, t);
                        continue;
                    }

                    translations.Add(translationId);
                    froms.Add(from);
                    tos.Add(to);
                    (from, to) = (f, t);
                }

                translations.Add(translationId);
                froms.Add(from);
                tos.Add(to);
            }

            await using (var command = Command(db, """
                SELECT r.id, r.translation_id, r.number, r.parent_id, r.snapshot, r.text, r.delta, r.sha256
                FROM unnest($1::bigint[], $2::int[], $3::int[]) AS w(translation_id, lo, hi)
                JOIN revisions r ON r.translation_id = w.translation_id AND r.number BETWEEN w.lo AND w.hi
                ORDER BY r.translation_id, r.number
                """))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = translations.ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = froms.ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = tos.ToArray() });
                await using var reader = await command.ExecuteReaderAsync(ct);
                byte[]? current = null;
                long previousId = 0;
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    long? parentId = await reader.IsDBNullAsync(3, ct) ? null : reader.GetInt64(3);
                    if (reader.GetBoolean(4))
                    {
                        current = await reader.IsDBNullAsync(5, ct)
                            ? throw new RevisionTextDamagedException(id, "it is a snapshot without a text")
                            : Encoding.UTF8.GetBytes(reader.GetString(5));
                    }
                    else
                    {
                        if (current is null || parentId != previousId)
                        {
                            throw new RevisionTextDamagedException(id, "its delta's parent is not the revision before it");
                        }

                        if (await reader.IsDBNullAsync(6, ct))
                        {
                            throw new RevisionTextDamagedException(id, "it is a delta row without a delta");
                        }

                        try
                        {
                            current = RevisionDelta.Apply(current, reader.GetFieldValue<byte[]>(6));
                        }
                        catch (FormatException e)
                        {
                            throw new RevisionTextDamagedException(id, e.Message);
                        }
                    }

                    previousId = id;
                    if (wanted.Contains(id))
                    {
                        var sha = Convert.ToHexStringLower(SHA256.HashData(current));
                        if (!string.Equals(sha, reader.GetString(7).Trim(), StringComparison.Ordinal))
                        {
                            throw new RevisionTextDamagedException(id, $"the rebuilt text's SHA-256 is {sha}, not the stored {reader.GetString(7)}");
                        }

                        texts[id] = Encoding.UTF8.GetString(current);
                        if (useCache)
                        {
                            RevisionTextCache.Add(db, id, sha, texts[id]);
                        }
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return texts;
    }

    /// <summary>Sets <see cref="Revision.Text"/> of revisions loaded as entities (whose text is not a column).</summary>
    public static async Task FillTextsAsync(ProvenanceDbContext db, IReadOnlyCollection<Revision> revisions, CancellationToken ct)
    {
        var texts = await GetTextsAsync(db, revisions.Select(r => r.Id), ct);
        foreach (var revision in revisions)
        {
            revision.Text = texts[revision.Id];
        }
    }

    private static DbCommand Command(ProvenanceDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}

/// <summary>A stored revision text that cannot be rebuilt to its SHA-256: a damaged row, refused rather than served.</summary>
public sealed class RevisionTextDamagedException(long revisionId, string reason)
    : Exception($"Revision {revisionId}'s stored text is damaged and was not served: {reason}.")
{
    public long RevisionId { get; } = revisionId;
}
