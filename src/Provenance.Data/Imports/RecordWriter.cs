using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Import;

namespace Provenance.Data.Imports;

/// <summary>
/// The one import write path: the API's import writes a batch of one record, the CLI's bulk import batches of
/// hundreds, through the same decisions (identity = publisher URL, else title and date; the same text again
/// changes nothing; changed text adds a revision; a new translation's first text is its first revision), the
/// same column checks, the same audit events and the same search SQL. A batch is one transaction and a handful
/// of round trips: lookups use <c>= ANY(...)</c>, new rows go in with binary COPY under ids taken from the
/// identity sequences, and the batch's audit events are chained in one
/// <see cref="AuditTrail.AppendAsync(IEnumerable{AuditEntry}, CancellationToken)"/>.
/// <para>
/// Imported texts follow the review rule (ADR 0006): under <see cref="ImportPublication.Review"/> a new or changed
/// text is a proposed revision authored by the importing contributor; only <see cref="ImportPublication.Migration"/>,
/// which callers grant to admins and the seeds alone, publishes it at once, marked
/// <see cref="Revision.PublishedWithoutReview"/>.
/// </para>
/// </summary>
public sealed class RecordWriter(ProvenanceDbContext db, AuditTrail audit, TimeProvider time)
{
    private const int MaxAttempts = 3;

    private static readonly string[] SequencedTables = ["contributors", "archives", "documents", "custody_steps", "translations", "revisions", "citations"];

    private static readonly bool Trace = Environment.GetEnvironmentVariable("PROVENANCE_BULK_TRACE") == "1";

    private Dictionary<string, string>? _sequences;

    /// <summary>With PROVENANCE_BULK_TRACE=1, how long each phase of a batch took (for the benchmark write-up).</summary>
    public static void TracePhase(Stopwatch? stopwatch, string phase)
    {
        if (stopwatch is not null)
        {
            Console.Error.WriteLine($"  {phase}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
            stopwatch.Restart();
        }
    }

    public static Stopwatch? StartTrace() => Trace ? Stopwatch.StartNew() : null;

    /// <summary>
    /// Writes the valid records of <paramref name="prepared"/> in order, as if one after another, and answers one
    /// result per record. A batch that breaks a constraint the reader cannot see (a duplicate custody step order,
    /// say) is written again record by record, so only the culprit fails.
    /// </summary>
    public async Task<IReadOnlyList<RecordWriteResult>> WriteAsync(
        IReadOnlyList<PreparedRecord> prepared, ImportPublication publication, Actor actor, CancellationToken ct)
    {
        var valid = prepared.Where(p => p.IsValid).ToList();
        var written = new Dictionary<PreparedRecord, RecordWriteResult>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var result in await WriteBatchAsync(valid, publication, actor, ct))
            {
                written[result.Record] = result;
            }
        }
        catch (PostgresException) when (valid.Count > 1)
        {
            foreach (var record in valid)
            {
                try
                {
                    written[record] = (await WriteBatchAsync([record], publication, actor, ct))[0];
                }
                catch (PostgresException e)
                {
                    written[record] = RecordWriteResult.Failed(record,
                        [new("record", $"database: {e.MessageText}{(e.ColumnName is { } c ? $" (column {c})" : "")}")]);
                }
            }
        }

        return [.. prepared.Select(p => p.IsValid
            ? written.GetValueOrDefault(p) ?? RecordWriteResult.Failed(p, [new("record", "not written")])
            : RecordWriteResult.Failed(p, p.Errors))];
    }

    /// <summary>Writes records in one transaction; retried when a concurrent writer stored the same record first.</summary>
    private async Task<List<RecordWriteResult>> WriteBatchAsync(
        IReadOnlyList<PreparedRecord> records, ImportPublication publication, Actor actor, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InWriteTransactionAsync(write => WriteInTransactionAsync(records, publication, actor, write), ct);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.UniqueViolation
                or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                // Now the other writer's rows are visible and are found by the lookups.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<List<RecordWriteResult>> WriteInTransactionAsync(
        IReadOnlyList<PreparedRecord> records, ImportPublication publication, Actor actor, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var now = time.GetUtcNow();
        var phases = StartTrace();
        var plan = await PlanAsync(connection, records, ct);
        TracePhase(phases, "plan");
        await AssignIdsAsync(connection, plan, ct);
        TracePhase(phases, "ids");
        await CopyRowsAsync(connection, plan, publication, actor, now, ct);
        TracePhase(phases, "copy");
        await UpdateHeadsAndSearchAsync(connection, plan, publication, now, ct);
        TracePhase(phases, "update+search");

        var entries = plan.Steps.Where(s => s.Error is null && s.Change != ImportChange.None).Select(AuditEntryOf(actor, publication)).ToList();
        if (entries.Count > 0)
        {
            await audit.AppendAsync(entries, ct);
        }

        TracePhase(phases, "audit");

        return [.. plan.Steps.Select(s => s.Error is null
            ? new RecordWriteResult(s.Record, s.Change, s.Document.Id, s.Translation.Id, s.Revision.Id, [])
            : RecordWriteResult.Failed(s.Record, s.Error))];
    }

    /// <summary>Reads what the batch's records may already be, then decides each record in order.</summary>
    private static async Task<BatchPlan> PlanAsync(NpgsqlConnection connection, IReadOnlyList<PreparedRecord> records, CancellationToken ct)
    {
        var urls = records.Select(r => r.Record!.PublisherUrl).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var titles = records.Where(r => r.Record!.PublisherUrl is null).Select(r => r.Record!.Title).Distinct(StringComparer.Ordinal).ToArray();
        var shas = records.Select(r => r.Sha256).Distinct(StringComparer.Ordinal).ToArray();
        var names = records.Select(r => r.Translator).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var codes = records.Select(r => r.Record!.Source?.HoldingArchiveCode).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

        const string Matching = "publisher_url = ANY($1) OR (publisher_url IS NULL AND title = ANY($2))";
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"SELECT id, publisher_url, title, date_text FROM documents WHERE {Matching} ORDER BY id", urls, titles),
                Command($"""
                    SELECT t.id, t.document_id, t.language, t.kind, t.translator_id, h.id, h.number
                    FROM translations t LEFT JOIN revisions h ON h.id = t.head_revision_id
                    WHERE t.document_id IN (SELECT id FROM documents WHERE {Matching}) ORDER BY t.id
                    """, urls, titles),
                Command("SELECT translation_id, sha256, id, number FROM revisions WHERE sha256 = ANY($1::bpchar[]) ORDER BY number", shas),
                Command("SELECT id, name FROM contributors WHERE name = ANY($1) ORDER BY id", names),
                Command("SELECT id, code, name, place FROM archives WHERE code = ANY($1)", codes),
            },
        };

        var documents = new Dictionary<long, DocumentRow>();
        var documentsByKey = new Dictionary<RecordKey, DocumentRow>();
        var translations = new Dictionary<long, TranslationRow>();
        var contributorsById = new Dictionary<long, ContributorRow>();
        var contributorsByName = new Dictionary<string, ContributorRow>(StringComparer.Ordinal);
        var archives = new Dictionary<string, ArchiveRow>(StringComparer.Ordinal);
        var knownTexts = new List<(long TranslationId, string Sha, long Id, int Number)>();
        var translationRows = new List<(long Id, long DocumentId, string Language, string Kind, long? TranslatorId, long? HeadId, int? HeadNumber)>();

        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = new DocumentRow { Id = reader.GetInt64(0) };
                documents[row.Id] = row;
                var key = reader.IsDBNull(1)
                    ? new RecordKey(null, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
                    : new RecordKey(reader.GetString(1), null, null);
                documentsByKey.TryAdd(key, row); // ordered by id: the oldest match wins
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                translationRows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                knownTexts.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var contributor = new ContributorRow(reader.GetString(1)) { Id = reader.GetInt64(0) };
                if (contributorsByName.TryAdd(contributor.Name!, contributor))
                {
                    contributorsById[contributor.Id] = contributor;
                }
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                archives[reader.GetString(1)] = new ArchiveRow(reader.GetString(1)) { Id = reader.GetInt64(0), Name = reader.GetString(2) };
            }
        }

        foreach (var t in translationRows)
        {
            ContributorRow? translator = null;
            if (t.TranslatorId is { } translatorId && !contributorsById.TryGetValue(translatorId, out translator))
            {
                translator = contributorsById[translatorId] = new ContributorRow(null) { Id = translatorId };
            }

            var document = documents[t.DocumentId];
            var row = new TranslationRow
            {
                Id = t.Id,
                Document = document,
                Language = t.Language,
                Kind = t.Kind,
                Translator = translator,
                Head = t.HeadId is { } headId ? new RevisionRow { Id = headId, Number = t.HeadNumber!.Value } : null,
            };
            document.Translations.Add(row);
            translations[row.Id] = row;
        }

        // Ordered by number: the newest revision with a text is the one a repeat of that text names.
        foreach (var (translationId, sha, id, number) in knownTexts)
        {
            if (translations.TryGetValue(translationId, out var t))
            {
                t.KnownTexts[sha] = new RevisionRow { Id = id, Number = number };
            }
        }

        var plan = new BatchPlan();
        foreach (var record in records)
        {
            plan.Steps.Add(Decide(record, plan, documentsByKey, contributorsByName, archives));
        }

        return plan;
    }

    /// <summary>One record, decided exactly as <c>RecordImporter.StoreAsync</c> decides it.</summary>
    private static PlannedStep Decide(PreparedRecord p, BatchPlan plan, Dictionary<RecordKey, DocumentRow> documentsByKey,
        Dictionary<string, ContributorRow> contributorsByName, Dictionary<string, ArchiveRow> archives)
    {
        var record = p.Record!;
        ContributorRow? Translator()
        {
            if (p.Translator is not { } name)
            {
                return null;
            }

            if (!contributorsByName.TryGetValue(name, out var contributor))
            {
                contributor = contributorsByName[name] = new ContributorRow(name) { IsNew = true };
                plan.NewContributors.Add(contributor);
            }

            return contributor;
        }

        TranslationRow NewTranslation(DocumentRow document)
        {
            var translation = new TranslationRow { IsNew = true, Document = document, Language = p.Language, Kind = p.Kind, Translator = Translator() };
            document.Translations.Add(translation);
            plan.NewTranslations.Add(translation);
            return translation;
        }

        RevisionRow NewRevision(TranslationRow translation)
        {
            var revision = new RevisionRow
            {
                IsNew = true,
                Translation = translation,
                Parent = translation.Head,
                Number = (translation.Head?.Number ?? 0) + 1,
                Source = p,
            };
            translation.Head = revision;
            translation.HeadMoved = true;
            translation.KnownTexts[p.Sha256] = revision;
            plan.NewRevisions.Add(revision);
            return revision;
        }

        PlannedStep Failed(RecordProblem[] errors) =>
            new(p, ImportChange.None, new DocumentRow(), new TranslationRow { Document = new DocumentRow(), Language = "", Kind = "" }, new RevisionRow(), null, errors);

        if (!documentsByKey.TryGetValue(p.Key, out var document))
        {
            if (p.DocumentErrors.Count + p.TextErrors.Count > 0)
            {
                return Failed([.. p.DocumentErrors, .. p.TextErrors]);
            }

            ArchiveRow? archive = null;
            if (record.Source?.HoldingArchiveCode is { } code && !archives.TryGetValue(code, out archive))
            {
                archive = archives[code] = new ArchiveRow(code) { IsNew = true, Name = record.Source.HoldingArchiveName ?? code, Place = record.Source.HoldingPlace };
                plan.NewArchives.Add(archive);
            }

            document = documentsByKey[p.Key] = new DocumentRow { IsNew = true, Source = p, Archive = archive };
            plan.NewDocuments.Add(document);
            var translation = NewTranslation(document);
            var revision = NewRevision(translation);
            CitationRow? citation = null;
            if (record.CitationText is not null)
            {
                citation = new CitationRow { Document = document, Source = p };
                plan.NewCitations.Add(citation);
            }

            return new PlannedStep(p, ImportChange.Document, document, translation, revision, citation);
        }

        // A translator not stored yet has no translation here; a known one matches by id, as in RecordImporter.
        ContributorRow? known = null;
        var translatorIsNew = p.Translator is { } name && !contributorsByName.TryGetValue(name, out known);
        var existing = translatorIsNew ? null : document.Translations.FirstOrDefault(t =>
            string.Equals(t.Language, p.Language, StringComparison.Ordinal)
            && string.Equals(t.Kind, p.Kind, StringComparison.Ordinal)
            && ReferenceEquals(t.Translator, known));
        if (existing is null || !existing.KnownTexts.ContainsKey(p.Sha256))
        {
            if (p.TextErrors.Count > 0)
            {
                return Failed([.. p.TextErrors]);
            }
        }

        if (existing is null)
        {
            var translation = NewTranslation(document);
            return new PlannedStep(p, ImportChange.Translation, document, translation, NewRevision(translation), null);
        }

        // A text already in this translation's history is the same record again, not a change.
        if (existing.KnownTexts.TryGetValue(p.Sha256, out var same))
        {
            return new PlannedStep(p, ImportChange.None, document, existing, same, null);
        }

        if (existing.Head is null)
        {
            return Failed([new("record", $"translation {existing.Id} has no head revision to add to")]);
        }

        document.Touched = !document.IsNew;
        return new PlannedStep(p, ImportChange.Revision, document, existing, NewRevision(existing), null);
    }

    /// <summary>
    /// The search vector each record's document would get from <see cref="DocumentSearch.RefreshAsync"/>
    /// if the record created it: the same expression over its title, summary and (only) text.
    /// </summary>
    public static async Task ComputeSearchVectorsAsync(NpgsqlConnection connection, PreparedRecord[] prepared, CancellationToken ct)
    {
        var valid = prepared.Where(p => p.IsValid).ToArray();
        if (valid.Length == 0)
        {
            return;
        }

        // Records already stored (a re-run) will not create a document: skip their stemming.
        // The document's only translation: its text vector is DocumentSearch.TextVectorSql itself.
        await using var command = new NpgsqlCommand($"""
            SELECT r.n,
                   setweight(to_tsvector('english', r.title), 'A')
                || setweight(to_tsvector('russian', r.title), 'A')
                || setweight(to_tsvector('english', coalesce(r.summary, '')), 'B')
                || setweight(to_tsvector('russian', coalesce(r.summary, '')), 'B')
                || {DocumentSearch.TextVectorSql("r.language", "r.text")}
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS r(title, summary, text, url, date_text, language, n)
            WHERE NOT CASE WHEN r.url IS NOT NULL
                THEN EXISTS (SELECT 1 FROM documents d WHERE d.publisher_url = r.url)
                ELSE EXISTS (SELECT 1 FROM documents d WHERE d.publisher_url IS NULL AND d.title = r.title AND d.date_text IS NOT DISTINCT FROM r.date_text)
            END
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = valid.Select(p => p.Record!.Title).ToArray() });
        command.Parameters.Add(TextArray(valid.Select(p => p.Record!.Summary)));
        command.Parameters.Add(new NpgsqlParameter { Value = valid.Select(p => p.Text).ToArray() });
        command.Parameters.Add(TextArray(valid.Select(p => p.Record!.PublisherUrl)));
        command.Parameters.Add(TextArray(valid.Select(p => p.Record!.DateText)));
        command.Parameters.Add(new NpgsqlParameter { Value = valid.Select(p => p.Language).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            valid[reader.GetInt64(0) - 1].SearchVector = reader.GetFieldValue<NpgsqlTsVector>(1);
        }
    }

    private static NpgsqlParameter TextArray(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    /// <summary>Takes ids for every new row from the tables' identity sequences, in one round trip.</summary>
    private async Task AssignIdsAsync(NpgsqlConnection connection, BatchPlan plan, CancellationToken ct)
    {
        _sequences ??= await SequencesAsync(connection, ct);
        var wanted = new (string Table, int Count)[]
        {
            ("contributors", plan.NewContributors.Count),
            ("archives", plan.NewArchives.Count),
            ("documents", plan.NewDocuments.Count),
            ("custody_steps", plan.NewCustodySteps),
            ("translations", plan.NewTranslations.Count),
            ("revisions", plan.NewRevisions.Count),
            ("citations", plan.NewCitations.Count),
        }.Where(w => w.Count > 0).ToArray();
        if (wanted.Length == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var (table, count) in wanted)
        {
            var command = new NpgsqlBatchCommand("SELECT nextval($1::regclass) FROM generate_series(1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = _sequences[table] });
            command.Parameters.Add(new NpgsqlParameter { Value = count });
            batch.BatchCommands.Add(command);
        }

        var ids = new Dictionary<string, Queue<long>>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            foreach (var (table, _) in wanted)
            {
                var queue = ids[table] = new Queue<long>();
                while (await reader.ReadAsync(ct))
                {
                    queue.Enqueue(reader.GetInt64(0));
                }

                await reader.NextResultAsync(ct);
            }
        }

        foreach (var c in plan.NewContributors) { c.Id = ids["contributors"].Dequeue(); }
        foreach (var a in plan.NewArchives) { a.Id = ids["archives"].Dequeue(); }
        foreach (var d in plan.NewDocuments) { d.Id = ids["documents"].Dequeue(); }
        foreach (var t in plan.NewTranslations) { t.Id = ids["translations"].Dequeue(); }
        foreach (var r in plan.NewRevisions) { r.Id = ids["revisions"].Dequeue(); }
        foreach (var c in plan.NewCitations) { c.Id = ids["citations"].Dequeue(); }
        _custodyIds = ids.GetValueOrDefault("custody_steps");
    }

    private Queue<long>? _custodyIds;

    private static async Task<Dictionary<string, string>> SequencesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var sql = string.Join(", ", SequencedTables.Select(t => $"pg_get_serial_sequence('{t}', 'id')"));
        await using var command = new NpgsqlCommand($"SELECT {sql}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return SequencedTables.Select((t, i) => (t, reader.GetString(i))).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
    }

    private async Task CopyRowsAsync(NpgsqlConnection connection, BatchPlan plan, ImportPublication publication, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await CopyAsync(connection, "contributors (id, name, kind, created_at)", plan.NewContributors, async (w, c) =>
        {
            await w.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.Name!, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(nameof(ContributorKind.Person), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }, ct);

        await CopyAsync(connection, "archives (id, code, name, place, created_at)", plan.NewArchives, async (w, a) =>
        {
            await w.WriteAsync(a.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(a.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(a.Name, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, a.Place, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }, ct);

        await CopyAsync(connection,
            """
            documents (id, title, date_text, date, date_precision, summary, original_language, original_language_name,
                       archive_id, archival_reference, citation_text, publisher_name, publisher_url, publisher_record_id,
                       source_note, markings, extra_sections, footnotes, created_at, updated_at, search_vector)
            """,
            plan.NewDocuments, async (w, d) =>
            {
                var p = d.Source!;
                var r = p.Record!;
                await w.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.Title, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.DateText, NpgsqlDbType.Varchar, ct);
                if (r.Date is { } date)
                {
                    await w.WriteAsync(date, NpgsqlDbType.Date, ct);
                }
                else
                {
                    await w.WriteNullAsync(ct);
                }

                await w.WriteAsync(p.DatePrecision, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.Summary, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.OriginalLanguage, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.OriginalLanguageName, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, d.Archive?.Id, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(w, r.Source?.ArchivalReference, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.CitationText, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.PublisherName, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.PublisherUrl, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.PublisherRecordId, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, r.Source?.Text, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.Markings, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.ExtraSectionsJson, NpgsqlDbType.Jsonb, ct);
                await w.WriteAsync(p.FootnotesJson, NpgsqlDbType.Jsonb, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                if (HasPrecomputedSearchVector(d, publication))
                {
                    await w.WriteAsync(p.SearchVector!, NpgsqlDbType.TsVector, ct);
                }
                else
                {
                    await w.WriteNullAsync(ct);
                }
            }, ct);

        var custody = plan.NewDocuments.SelectMany(d => (d.Source!.Record!.Source?.Custody ?? []).Select(c => (Document: d, Step: c))).ToList();
        await CopyAsync(connection, "custody_steps (id, document_id, \"order\", holder, relation, place)", custody, async (w, c) =>
        {
            await w.WriteAsync(_custodyIds!.Dequeue(), NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.Document.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.Step.Order, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(c.Step.Holder, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Step.Relation, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, c.Step.Place, NpgsqlDbType.Varchar, ct);
        }, ct);

        // Heads are set after the revisions exist (the two tables reference each other).
        await CopyAsync(connection, "translations (id, document_id, language, kind, translator_id, created_at)", plan.NewTranslations, async (w, t) =>
        {
            await w.WriteAsync(t.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(t.Document.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(t.Language, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(t.Kind, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, t.Translator?.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }, ct);

        // Proposed by the importing contributor, or (a migration) published as the translator's, saying so (ADR 0006).
        // Stored as RevisionStore stores it (ADR 0005): a delta against the parent's text, read for parents stored before.
        var migration = publication == ImportPublication.Migration;
        var storedParents = await RevisionStore.GetTextsAsync(db, plan.NewRevisions.Where(r => r.Parent is { IsNew: false }).Select(r => r.Parent!.Id), ct);
        await CopyAsync(connection,
            "revisions (id, translation_id, number, parent_id, author_id, summary, snapshot, text, delta, sha256, status, merged, review_comment, reviewed_at, published_without_review, created_at)",
            plan.NewRevisions, async (w, r) =>
            {
                var p = r.Source!;
                var parentText = r.Parent is null ? null : r.Parent.IsNew ? r.Parent.Source!.Text : storedParents[r.Parent.Id];
                var (snapshot, text, delta) = RevisionStore.Encode(r.Number, p.Text, parentText);
                await w.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.Translation!.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.Number, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(w, r.Parent?.Id, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(w, migration ? r.Translation.Translator?.Id : actor.ContributorId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(p.RevisionSummary, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(snapshot, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(w, text, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, delta, NpgsqlDbType.Bytea, ct);
                await w.WriteAsync(p.Sha256, NpgsqlDbType.Char, ct);
                await w.WriteAsync(migration ? nameof(RevisionStatus.Approved) : nameof(RevisionStatus.Proposed), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(w, migration ? p.MigrationComment : null, NpgsqlDbType.Varchar, ct);
                if (migration)
                {
                    await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
                else
                {
                    await w.WriteNullAsync(ct);
                }

                await w.WriteAsync(migration, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }, ct);

        await CopyAsync(connection, "citations (id, document_id, kind, text, title, publisher, url, archive, added_by_id, added_at)", plan.NewCitations, async (w, c) =>
        {
            var r = c.Source.Record!;
            await w.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.Document.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(nameof(CitationKind.Published), NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, r.CitationText, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(r.Title, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, r.PublisherName, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, r.PublisherUrl, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, r.Source?.HoldingArchiveName, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(w, actor.ContributorId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }, ct);
    }

    /// <summary>
    /// A document the batch created with one translation whose only revision is its record's text:
    /// its search vector is the one computed ahead. Any other changed document is refreshed in place.
    /// </summary>
    private static bool HasPrecomputedSearchVector(DocumentRow d, ImportPublication publication) =>
        publication == ImportPublication.Migration && d.IsNew && d.Source!.SearchVector is not null && d.Translations is [{ Head: { Number: 1 } head }] && ReferenceEquals(head.Source, d.Source);

    /// <summary>Moves heads, touches changed documents and recomputes search vectors: one round trip.</summary>
    private async Task UpdateHeadsAndSearchAsync(NpgsqlConnection connection, BatchPlan plan, ImportPublication publication, DateTimeOffset now, CancellationToken ct)
    {
        var moved = plan.Steps.Where(s => s.Error is null && s.Change != ImportChange.None).Select(s => s.Translation).Distinct().ToArray();
        if (moved.Length == 0)
        {
            return;
        }

        var touched = plan.Steps.Where(s => s.Document.Touched).Select(s => s.Document.Id).Distinct().ToArray();
        // Search indexes published texts: a proposed text changes it only for a new document (its title and summary).
        var migration = publication == ImportPublication.Migration;
        var changedDocuments = plan.Steps
            .Where(s => s.Error is null && s.Change != ImportChange.None && !HasPrecomputedSearchVector(s.Document, publication) && (migration || s.Document.IsNew))
            .Select(s => s.Document.Id).Distinct().ToArray();
        var (searchDocuments, searchLanguages, searchTexts) = await PublishedTextsAsync(connection, changedDocuments, migration ? moved : [], ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    UPDATE translations t SET head_revision_id = v.head, current_revision_id = CASE WHEN $3 THEN v.head ELSE t.current_revision_id END
                    FROM unnest($1::bigint[], $2::bigint[]) AS v(id, head) WHERE t.id = v.id
                    """, moved.Select(t => t.Id).ToArray(), moved.Select(t => t.Head!.Id).ToArray(), migration),
                Command("UPDATE documents SET updated_at = $2 WHERE id = ANY($1)", touched, now),
                // The statement of DocumentSearch.RefreshAsync, for many documents at once.
                Command(DocumentSearch.RefreshSql("$1", "$2", "$3", "$4"), changedDocuments, searchDocuments, searchLanguages, searchTexts),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The published text of every translation of <paramref name="documents"/> once the heads have moved, as
    /// (document id, language, text) columns: the batch's own texts for <paramref name="moved"/>, the others rebuilt by the store.
    /// </summary>
    private async Task<(long[] Documents, string[] Languages, string[] Texts)> PublishedTextsAsync(
        NpgsqlConnection connection, long[] documents, TranslationRow[] moved, CancellationToken ct)
    {
        var rows = moved.Where(t => documents.Contains(t.Document.Id)).Select(t => (t.Document.Id, t.Language, t.Head!.Source!.Text)).ToList();
        var movedIds = moved.Select(t => t.Id).ToArray();
        var stored = new List<(long DocumentId, string Language, long RevisionId)>();
        await using (var command = new NpgsqlCommand(
            "SELECT document_id, language, current_revision_id FROM translations WHERE document_id = ANY($1) AND current_revision_id IS NOT NULL AND NOT id = ANY($2)",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = documents });
            command.Parameters.Add(new NpgsqlParameter { Value = movedIds });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var texts = await RevisionStore.GetTextsAsync(db, stored.Select(s => s.RevisionId), ct);
        rows.AddRange(stored.Select(s => (s.DocumentId, s.Language, texts[s.RevisionId])));
        return ([.. rows.Select(r => r.Item1)], [.. rows.Select(r => r.Item2)], [.. rows.Select(r => r.Item3)]);
    }

    /// <summary>
    /// The audit event of one imported record. Each names the revision's status, author and summary, and whether it
    /// was published without review, so the trail alone tells how an imported text reached readers.
    /// </summary>
    private static Func<PlannedStep, AuditEntry> AuditEntryOf(Actor actor, ImportPublication publication) => s =>
    {
        var migration = publication == ImportPublication.Migration;
        var revision = new
        {
            status = migration ? "approved" : "proposed",
            authorId = migration ? s.Translation.Translator?.Id : actor.ContributorId,
            summary = s.Record.RevisionSummary,
            publishedWithoutReview = migration,
        };
        return AuditEntryOf(actor, s, revision);
    };

    private static AuditEntry AuditEntryOf(Actor actor, PlannedStep s, object revision) => s.Change switch
    {
        ImportChange.Document => new AuditEntry(actor, AuditActions.DocumentImported, "document", s.Document.Id, s.Document.Id, new
        {
            s.Record.Record!.Title,
            s.Record.Record.PublisherUrl,
            translationId = s.Translation.Id,
            revisionId = s.Revision.Id,
            citationId = s.Citation?.Id,
            sha256 = s.Record.Sha256,
            revision,
        }),
        ImportChange.Translation => new AuditEntry(actor, AuditActions.TranslationImported, "translation", s.Translation.Id, s.Document.Id,
            new { translationId = s.Translation.Id, revisionId = s.Revision.Id, language = s.Record.Language, kind = s.Record.Kind, sha256 = s.Record.Sha256, revision }),
        ImportChange.Revision => new AuditEntry(actor, AuditActions.RevisionImported, "revision", s.Revision.Id, s.Document.Id,
            new { translationId = s.Translation.Id, number = s.Revision.Number, parentId = s.Revision.Parent!.Id, sha256 = s.Record.Sha256, revision }),
        _ => throw new UnreachableException(),
    };

    // Not params object[]: a string[] argument would be spread into many parameters.
    // Not `params object[]`: a single string[] argument would be spread into one parameter per element.
    private static NpgsqlBatchCommand Command(string sql, object first, object? second = null, object? third = null, object? fourth = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in new[] { first, second, third, fourth }.TakeWhile(v => v is not null))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IReadOnlyCollection<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> writeRow, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writeRow(writer, row);
        }

        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : class =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, long? value, NpgsqlDbType type, CancellationToken ct) =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);
}
