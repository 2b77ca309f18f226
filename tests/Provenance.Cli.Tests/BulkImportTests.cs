using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Provenance.Api.Hosting;
using Provenance.Api.Imports;
using Provenance.Cli.BulkImport;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Data.Imports;
using Provenance.Testing;

namespace Provenance.Cli.Tests;

[Collection(PostgresCollection.Name)]
public sealed class BulkImportTests(TestPostgres postgres) : IAsyncLifetime, IDisposable
{
    // Small batches, so records and the records they repeat or change fall in different batches; a migration
    // (--publish), as these tests check the published texts and their search vectors.
    private static readonly BulkImportOptions SmallBatches = new() { BatchSize = 64, Publication = ImportPublication.Migration };

    private readonly BulkImportFolder _folder = BulkImportFolder.Create(seed: 7);

    private readonly List<ScratchDatabase> _databases = [];

    public void Dispose() => _folder.Dispose();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Summary_counts_every_outcome_exactly_and_names_each_failure()
    {
        await using var db = await NewDatabaseAsync();

        var summary = await BulkImportAsync(db, _folder.Path, SmallBatches);

        Assert.Equal(BulkImportFolder.Generated + 7, summary.Files);
        Assert.Equal(BulkImportFolder.Generated, summary.CreatedDocuments);
        Assert.Equal(1, summary.NewTranslations);
        Assert.Equal(1, summary.NewRevisions);
        Assert.Equal(1, summary.Unchanged);
        Assert.Equal(BulkImportFolder.GarbageFiles, summary.Failed.Select(f => f.File).Order(StringComparer.Ordinal));
        Assert.All(summary.Failed, f => Assert.NotEmpty(f.Reasons));
        Assert.Contains(summary.Failed.Single(f => f.File == "zz-garbage-utf8.md").Reasons, r => r.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(summary.Failed.Single(f => f.File == "zzz-long-title.md").Reasons, r => r.StartsWith("title:", StringComparison.Ordinal));
        Assert.Contains(summary.Failed.Single(f => f.File == "zz-garbage-words.md").Reasons, r => r.StartsWith("title:", StringComparison.Ordinal));

        Assert.Equal(BulkImportFolder.Generated, await db.Documents.CountAsync());
        Assert.Equal(BulkImportFolder.Generated + 1, await db.Translations.CountAsync());
        Assert.Equal(BulkImportFolder.Generated + 2, await db.Revisions.CountAsync());
        Assert.Equal(0, await db.Translations.CountAsync(t => t.HeadRevisionId == null || t.CurrentRevisionId != t.HeadRevisionId));
    }

    [Theory]
    [InlineData(ImportPublication.Migration)]
    [InlineData(ImportPublication.Review)]
    public async Task Database_ends_exactly_as_the_per_record_importer_leaves_it(ImportPublication publication)
    {
        await using var bulk = await NewDatabaseAsync();
        await using var single = await NewDatabaseAsync();

        var summary = await BulkImportAsync(bulk, _folder.Path, SmallBatches with { Publication = publication });
        var failed = summary.Failed.Select(f => f.File).ToHashSet(StringComparer.Ordinal);
        var importer = new RecordImporter(single, new AuditTrail(single, TimeProvider.System), TimeProvider.System, NullLogger<RecordImporter>.Instance);
        foreach (var file in BulkImporter.RecordFiles(_folder.Path))
        {
            try
            {
                var outcome = await importer.ImportAsync(await File.ReadAllTextAsync(file), publication, Actor.System, CancellationToken.None);
                Assert.DoesNotContain(Path.GetFileName(file), failed);
                var bulkOutcome = summary.Outcomes.Single(o => o.File == Path.GetFileName(file));
                Assert.Equal(outcome.Change.ToString(), bulkOutcome.Change.ToString());
                Assert.Equal((outcome.DocumentId, outcome.TranslationId, outcome.RevisionId), (bulkOutcome.DocumentId, bulkOutcome.TranslationId, bulkOutcome.RevisionId));
            }
            catch (ProblemException)
            {
                Assert.Contains(Path.GetFileName(file), failed);
            }

            single.ChangeTracker.Clear();
        }

        // Both fresh databases hand out ids in record order, so whole rows compare, less their timestamps.
        foreach (var table in new[] { "archives", "contributors", "documents", "custody_steps", "translations", "revisions", "citations" })
        {
            Assert.Equal(await RowsAsync(single, table), await RowsAsync(bulk, table));
        }

        Assert.Equal(await AuditAsync(single), await AuditAsync(bulk));
    }

    [Fact]
    public async Task Importing_the_folder_again_changes_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await BulkImportAsync(db, _folder.Path, SmallBatches);
        var before = await SnapshotAsync(db);

        var again = await BulkImportAsync(db, _folder.Path, new BulkImportOptions());

        Assert.Equal(BulkImportFolder.Generated + 3, again.Unchanged);
        Assert.Equal((0, 0, 0), (again.CreatedDocuments, again.NewTranslations, again.NewRevisions));
        Assert.Equal(BulkImportFolder.GarbageFiles.Length, again.Failed.Count);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task A_changed_record_adds_one_revision_with_its_audit_event()
    {
        await using var db = await NewDatabaseAsync();
        await BulkImportAsync(db, _folder.Path, SmallBatches);
        var events = await db.AuditEvents.CountAsync();
        var file = _folder.PathOf("record-000010.md");
        var first = (await BulkImportAsync(db, _folder.Path, SmallBatches)).Outcomes.Single(o => o.File == "record-000010.md");

        await File.WriteAllTextAsync(file, BulkImportFolder.WithChangedText(await File.ReadAllTextAsync(file)));
        var summary = await BulkImportAsync(db, _folder.Path, SmallBatches);

        Assert.Equal(1, summary.NewRevisions);
        Assert.Equal(summary.Files - summary.Failed.Count - 1, summary.Unchanged);
        var outcome = summary.Outcomes.Single(o => o.File == "record-000010.md");
        Assert.Equal((first.DocumentId, first.TranslationId), (outcome.DocumentId, outcome.TranslationId));
        var revision = await db.Revisions.SingleAsync(r => r.Id == outcome.RevisionId);
        Assert.Equal((2, first.RevisionId), (revision.Number, revision.ParentId));
        var translation = await db.Translations.SingleAsync(t => t.Id == outcome.TranslationId);
        Assert.Equal((revision.Id, revision.Id), (translation.HeadRevisionId, translation.CurrentRevisionId));
        var added = await db.AuditEvents.Where(e => e.Sequence > events).ToListAsync();
        Assert.Equal((AuditActions.RevisionImported, revision.Id), (Assert.Single(added).Action, added[0].EntityId));
        Assert.True(await db.Documents.AnyAsync(d => d.Id == outcome.DocumentId
            && EF.Property<NpgsqlTypes.NpgsqlTsVector>(d, "SearchVector").Matches(EF.Functions.ToTsQuery("english", "editor"))));
    }

    [Fact]
    public async Task Without_publish_new_and_changed_texts_are_proposed_and_nothing_is_published()
    {
        await using var db = await NewDatabaseAsync();
        var review = new BulkImportOptions { BatchSize = 64 };
        var summary = await BulkImportAsync(db, _folder.Path, review);
        var file = _folder.PathOf("record-000010.md");
        await File.WriteAllTextAsync(file, BulkImportFolder.WithChangedText(await File.ReadAllTextAsync(file)));
        var changed = (await BulkImportAsync(db, _folder.Path, review)).Outcomes.Single(o => o.File == "record-000010.md");

        Assert.Equal(BulkImportFolder.Generated, summary.CreatedDocuments);
        Assert.Equal(ImportChange.Revision, changed.Change);
        Assert.Equal(0, await db.Revisions.CountAsync(r => r.Status != RevisionStatus.Proposed || r.PublishedWithoutReview));
        Assert.Equal(0, await db.Translations.CountAsync(t => t.CurrentRevisionId != null));
        var revision = await db.Revisions.SingleAsync(r => r.Id == changed.RevisionId);
        Assert.Equal((2, RevisionStatus.Proposed, (long?)null), (revision.Number, revision.Status, revision.AuthorId));
        Assert.Equal(revision.Id, (await db.Translations.SingleAsync(t => t.Id == changed.TranslationId)).HeadRevisionId);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.RevisionImported).ToListAsync();
        // The folder's own changed record, and this one.
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Contains("\"status\":\"proposed\"", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_chain_verifies_with_one_event_per_created_or_changed_record()
    {
        await using var db = await NewDatabaseAsync();
        var summary = await BulkImportAsync(db, _folder.Path, SmallBatches);
        await BulkImportAsync(db, _folder.Path, SmallBatches);

        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(summary.CreatedDocuments + summary.NewTranslations + summary.NewRevisions, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var previous = AuditChain.Genesis;
        foreach (var e in events)
        {
            Assert.Equal(previous, e.PreviousHash);
            Assert.Equal(AuditChain.ComputeHash(e), e.Hash);
            previous = e.Hash;
        }

        Assert.Equal(summary.CreatedDocuments, events.Count(e => e.Action == AuditActions.DocumentImported));
        Assert.Equal(1, events.Count(e => e.Action == AuditActions.TranslationImported));
        Assert.Equal(1, events.Count(e => e.Action == AuditActions.RevisionImported));
    }

    private static Task<BulkImportSummary> BulkImportAsync(ProvenanceDbContext db, string folder, BulkImportOptions options) =>
        new BulkImporter(db, new AuditTrail(db, TimeProvider.System), TimeProvider.System).ImportFolderAsync(folder, options, null, CancellationToken.None);

    private async Task<ProvenanceDbContext> NewDatabaseAsync()
    {
        var options = new DbContextOptionsBuilder<ProvenanceDbContext>();
        var database = await postgres.CreateScratchDatabaseAsync();
        _databases.Add(database);
        options.UseProvenanceDatabase(database.ConnectionString);
        var db = new ProvenanceDbContext(options.Options);
        await db.Database.MigrateAsync();
        return db;
    }

    private static async Task<(int, int, int, int, int, string)> SnapshotAsync(ProvenanceDbContext db) =>
        (await db.Documents.CountAsync(), await db.Translations.CountAsync(), await db.Revisions.CountAsync(),
         await db.Contributors.CountAsync(), await db.AuditEvents.CountAsync(),
         string.Join(",", await db.Documents.OrderBy(d => d.Id).Select(d => d.UpdatedAt.Ticks).ToListAsync()));

    private static Task<List<string>> RowsAsync(ProvenanceDbContext db, string table) =>
        QueryAsync(db, $"""
            SELECT (to_jsonb(t) - 'created_at' - 'updated_at' - 'reviewed_at' - 'added_at')::text
            FROM {table} t ORDER BY id
            """);

    private static Task<List<string>> AuditAsync(ProvenanceDbContext db) =>
        QueryAsync(db, "SELECT concat_ws('|', sequence, actor_id, actor_name, action, entity_type, entity_id, document_id, details) FROM audit_events ORDER BY sequence");

    private static async Task<List<string>> QueryAsync(ProvenanceDbContext db, string sql)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
