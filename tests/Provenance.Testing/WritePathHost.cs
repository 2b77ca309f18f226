using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Data;
using Provenance.Data.Entities;
using Provenance.Text;

namespace Provenance.Testing;

/// <summary>
/// An <see cref="ApiHost"/> without seeds that makes translations of its own through the service's write
/// classes: each test edits a translation nobody else touches, so the tests of a class can share one.
/// Its tests create the keys they need (by name, with their own write allowance), so it makes no
/// <see cref="ApiHost.Editor"/> or <see cref="ApiHost.Reviewer"/>.
/// </summary>
public class WritePathHost : ApiHost
{
    public const string TelegramText = """
        TOP SECRET

        Late tonight R. Kennedy invited me to come see him. We talked alone.

        The Cuban crisis, Kennedy began, continues to quickly worsen. We have just received a report that an armed Soviet ship is headed to Cuba.

        I replied that I had no information about the ship. He said the President was concerned.

        Kennedy said he had nothing more to add. He left for the White House.
        """;

    private readonly ConcurrentDictionary<long, long> _setUpTo = new();

    public WritePathHost(TestPostgres postgres)
        : base(postgres, seed: false, roleClients: false)
    {
    }

    /// <summary>A host with <paramref name="settings"/> over the test defaults, for a subclass that is a class's fixture.</summary>
    protected WritePathHost(TestPostgres postgres, params (string Key, string? Value)[] settings)
        : base(postgres, seed: false, roleClients: false, settings)
    {
    }

    /// <summary>A started host for one test that needs its own database (or its own rate-limit windows); the test disposes it.</summary>
    public static async Task<WritePathHost> StartAsync(TestPostgres postgres, params (string Key, string? Value)[] settings)
    {
        var host = new WritePathHost(postgres, settings);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>
    /// A new document (by the bootstrap admin) with one translation whose revision 1, by the admin, is
    /// <paramref name="text"/>, approved by <see cref="FixtureWrites.Reviewer"/> and so published.
    /// </summary>
    public async Task<Seeded> CreateTranslationAsync(string text = TelegramText)
    {
        var admin = await FixtureWrites.AdminAsync(Api);
        var documentId = await FixtureWrites.CreateDocumentAsync(Api, admin, $"Test record {Guid.NewGuid():N}");
        var (translationId, revisionId) = await FixtureWrites.AddPublishedTranslationAsync(Api, documentId, admin, "en", text);
        _setUpTo[documentId] = await DbAsync(db => db.AuditEvents.Where(e => e.DocumentId == documentId).MaxAsync(e => e.Sequence));
        return new Seeded(documentId, translationId, revisionId, TextNormalizer.Normalize(text));
    }

    /// <summary>The translation's revisions in order, with their texts rebuilt by the store.</summary>
    public Task<List<Revision>> HistoryAsync(long translationId) => DbAsync(async db =>
    {
        var history = await db.Revisions.AsNoTracking().Where(r => r.TranslationId == translationId).OrderBy(r => r.Number).ToListAsync();
        await RevisionStore.FillTextsAsync(db, history, CancellationToken.None);
        return history;
    });

    public Task<Translation> TranslationAsync(long translationId) =>
        DbAsync(db => db.Translations.AsNoTracking().FirstAsync(t => t.Id == translationId));

    /// <summary>The document's audit events after <see cref="CreateTranslationAsync"/> set it up: what the test itself caused.</summary>
    public Task<List<AuditEvent>> AuditAsync(long documentId)
    {
        var after = _setUpTo.GetValueOrDefault(documentId);
        return DbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.DocumentId == documentId && e.Sequence > after).OrderBy(e => e.Sequence).ToListAsync());
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, long translationId, object body) =>
        client.PostAsJsonAsync($"/api/translations/{translationId}/revisions", body);

    public static Task<HttpResponseMessage> ReviewAsync(HttpClient client, long revisionId, string decision, string? comment = null) =>
        client.PostAsJsonAsync($"/api/revisions/{revisionId}/review", new { decision, comment });

    public static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    public static long Id(JsonElement revision) => revision.GetProperty("id").GetInt64();
}

public sealed record Seeded(long DocumentId, long TranslationId, long RootRevisionId, string Text);

/// <summary>A <see cref="WritePathHost"/> whose write budget is out of reach: for tests that write long histories.</summary>
public sealed class UnthrottledWritePathHost(TestPostgres postgres) : WritePathHost(postgres, ("Provenance:RateLimit:WritesPerMinute", "10000"));
