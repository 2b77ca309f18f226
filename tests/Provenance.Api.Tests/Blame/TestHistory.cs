using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Testing;
using Provenance.Text;

namespace Provenance.Api.Tests.Blame;

/// <summary>
/// Builds revision histories of several authors through the service's write classes
/// (<see cref="FixtureWrites"/>), so provenance and blame can be tested on them.
/// </summary>
public static class TestHistory
{
    public static async Task<long> SeedDocumentIdAsync(HttpClient client)
    {
        var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/documents"));
        return list.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> SeedTranslationAsync(HttpClient client, long documentId)
    {
        var doc = await HttpAssert.JsonAsync(await client.GetAsync($"/api/documents/{documentId}"));
        return doc.GetProperty("translations")[0];
    }

    /// <summary>A new translation of <paramref name="documentId"/> whose revision 1 is <paramref name="text"/> by <paramref name="translator"/>, published.</summary>
    public static async Task<(long TranslationId, long RevisionId)> AddTranslationAsync(
        ProvenanceApiFactory api, long documentId, string language, string translator, string text) =>
        await FixtureWrites.AddPublishedTranslationAsync(api, documentId, await FixtureWrites.PersonAsync(api, translator), language, text);

    /// <summary>Submits a revision on the translation's head; with a reviewer it is approved and published.</summary>
    public static async Task<long> AddRevisionAsync(
        ProvenanceApiFactory api, long translationId, string text, string author, string summary, string? reviewer = null) =>
        await FixtureWrites.SubmitAsync(api, translationId, text, await FixtureWrites.PersonAsync(api, author), summary,
            reviewer is null ? null : await FixtureWrites.PersonAsync(api, reviewer));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
