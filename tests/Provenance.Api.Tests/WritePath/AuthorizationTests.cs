using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class AuthorizationTests(WritePathHost host) : IClassFixture<WritePathHost>
{
    [Fact]
    public async Task Submitting_without_a_key_is_401_problem_with_a_bearer_challenge()
    {
        var t = await host.CreateTranslationAsync();
        var response = await SubmitAsync(host.Client(), t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = "x", summary = "s" });
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Submitting_with_an_unknown_key_is_401()
    {
        var t = await host.CreateTranslationAsync();
        var response = await SubmitAsync(host.Client("pvk_not-a-key"), t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = "x", summary = "s" });
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_reviewer_cannot_submit_and_an_editor_cannot_review_or_create_keys()
    {
        var t = await host.CreateTranslationAsync();
        using var reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
        using var editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));

        await HttpAssert.ProblemAsync(
            await SubmitAsync(reviewer, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = "x", summary = "s" }), HttpStatusCode.Forbidden);
        var submitted = await HttpAssert.JsonAsync(
            await SubmitAsync(editor, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = t.Text + "\nAdded.", summary = "s" }), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await ReviewAsync(editor, Id(submitted), "approve"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await editor.PostAsJsonAsync("/api/keys", new { name = "Mallory", roles = new[] { "admin" } }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await host.Client().PostAsJsonAsync("/api/keys", new { name = "Mallory", roles = new[] { "admin" } }), HttpStatusCode.Unauthorized);

        Assert.Single(await host.HistoryAsync(t.TranslationId), r => r.Number == 2);
    }

    [Fact]
    public async Task An_author_cannot_review_their_own_revision_even_as_reviewer_or_admin()
    {
        var t = await host.CreateTranslationAsync();
        using var both = host.Client(await host.KeyAsync("Ed and Rita", "editor", "reviewer"));
        using var admin = host.Client(Keys.BootstrapAdmin);

        var mine = await HttpAssert.JsonAsync(
            await SubmitAsync(both, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = t.Text + "\nMine.", summary = "mine" }), HttpStatusCode.Created);
        var problem = await HttpAssert.ProblemAsync(await ReviewAsync(both, Id(mine), "approve"), HttpStatusCode.Forbidden);
        Assert.Contains("other than its author", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await ReviewAsync(both, Id(mine), "reject", "no"), HttpStatusCode.Forbidden);

        var adminsOwn = await HttpAssert.JsonAsync(
            await SubmitAsync(admin, t.TranslationId, new { baseRevisionId = Id(mine), text = t.Text + "\nMine.\nAdmin's.", summary = "admin" }), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await ReviewAsync(admin, Id(adminsOwn), "approve"), HttpStatusCode.Forbidden);

        // The admin satisfies the reviewer policy for someone else's revision.
        var approved = await HttpAssert.JsonAsync(await ReviewAsync(admin, Id(mine), "approve", "fine"));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("Bootstrap admin", approved.GetProperty("reviewer").GetString());
    }

    [Fact]
    public async Task Me_says_who_a_key_is_and_needs_a_key()
    {
        var (contributorId, key) = await host.Api.CreateContributorAsync("Olga Editor", "editor", "reviewer");
        var me = await HttpAssert.JsonAsync(await host.Client(key).GetAsync("/api/me"));
        Assert.Equal(contributorId, me.GetProperty("contributorId").GetInt64());
        Assert.Equal("Olga Editor", me.GetProperty("name").GetString());
        Assert.Equal(["editor", "reviewer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));

        await HttpAssert.ProblemAsync(await host.Client().GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_shown_once_and_stored_only_as_hashes()
    {
        var key = await host.KeyAsync("Hash Check", "editor");
        var stored = await host.DbAsync(db => db.ApiKeys.AsNoTracking().Select(k => new { k.KeyHash, k.Prefix }).ToListAsync());
        Assert.DoesNotContain(stored, k => k.KeyHash == key || k.KeyHash.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, k => k.Prefix == key);
        Assert.Contains(stored, k => k.KeyHash == Provenance.Api.Auth.ApiKeys.Hash(key));

        var actions = await host.DbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "key.created").Select(e => e.Details).ToListAsync());
        Assert.DoesNotContain(actions, d => d.Contains(key, StringComparison.Ordinal));
        Assert.Contains(actions, d => d.Contains("Hash Check", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "", "roles": ["editor"] }""", "name")]
    [InlineData("""{ "name": "X", "roles": [] }""", "roles")]
    [InlineData("""{ "name": "X", "roles": ["owner"] }""", "roles")]
    [InlineData("""{ "name": "X", "roles": [null] }""", "roles")]
    [InlineData("""{ "name": 5, "roles": ["editor"] }""", "name")]
    public async Task Creating_a_key_validates_its_fields(string body, string field)
    {
        using var admin = host.Client(Keys.BootstrapAdmin);
        var response = await admin.PostAsync("/api/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Reads_stay_public_by_default()
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}"));
        await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}/text"));
    }
}

[Collection(ApiCollection.Name)]
public sealed class RequireKeyForReadsTests(KeyForReadsHost host) : IClassFixture<KeyForReadsHost>
{
    [Fact]
    public async Task With_the_setting_reads_need_a_key_but_probes_do_not()
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.ProblemAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}"), HttpStatusCode.Unauthorized);
        await HttpAssert.ProblemAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}/text"), HttpStatusCode.Unauthorized);

        // Any valid key reads, whatever its roles.
        var reader = host.Client(await host.KeyAsync("Reader", "reviewer"));
        await HttpAssert.JsonAsync(await reader.GetAsync($"/api/translations/{t.TranslationId}"));
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/health/live")).StatusCode);
    }
}

/// <summary>A <see cref="WritePathHost"/> that answers reads only with a key.</summary>
public sealed class KeyForReadsHost(TestPostgres postgres) : WritePathHost(postgres, ("Provenance:RequireKeyForReads", "true"));
