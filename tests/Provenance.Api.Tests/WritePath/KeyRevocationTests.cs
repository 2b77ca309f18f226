using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class KeyRevocationTests(TestPostgres postgres) : IAsyncLifetime
{
    private WritePathHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await WritePathHost.StartAsync(postgres);
        _admin = _host.Client(Keys.BootstrapAdmin);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(long KeyId, string Key)> CreateKeyAsync(string name, params string[] roles)
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/keys", new { name, roles }), HttpStatusCode.Created);
        return (created.GetProperty("keyId").GetInt64(), created.GetProperty("key").GetString()!);
    }

    private async Task<List<JsonElement>> KeysAsync(HttpClient client) =>
        [.. (await HttpAssert.JsonAsync(await client.GetAsync("/api/keys"))).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task A_revoked_key_stops_authenticating_and_its_revocation_is_audited_once()
    {
        var (keyId, key) = await CreateKeyAsync("Ed Editor", "editor");
        using var editor = _host.Client(key);
        await HttpAssert.JsonAsync(await editor.GetAsync("/api/me"));

        var revoked = await HttpAssert.JsonAsync(await _admin.DeleteAsync($"/api/keys/{keyId}"));
        Assert.Equal(keyId, revoked.GetProperty("keyId").GetInt64());
        var revokedAt = revoked.GetProperty("revokedAt").GetDateTimeOffset();
        await HttpAssert.ProblemAsync(await editor.GetAsync("/api/me"), HttpStatusCode.Unauthorized);

        // Revoking again changes nothing: same time, no second audit event.
        var again = await HttpAssert.JsonAsync(await _admin.DeleteAsync($"/api/keys/{keyId}"));
        Assert.Equal(revokedAt, again.GetProperty("revokedAt").GetDateTimeOffset());
        var events = await HttpAssert.JsonAsync(await _host.Client().GetAsync($"/api/audit?action=key.revoked&entity=key&entityId={keyId}"));
        var revocation = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal("Bootstrap admin", revocation.GetProperty("actor").GetString());

        var listed = Assert.Single(await KeysAsync(_admin), k => k.GetProperty("keyId").GetInt64() == keyId);
        Assert.Equal(revokedAt, listed.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal("Ed Editor", listed.GetProperty("name").GetString());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.False(listed.TryGetProperty("keyHash", out _));
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_lists_or_revokes_keys_and_an_unknown_key_is_404()
    {
        var (keyId, key) = await CreateKeyAsync("Ed Editor", "editor", "reviewer");
        using var editor = _host.Client(key);
        await HttpAssert.ProblemAsync(await editor.GetAsync("/api/keys"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await editor.DeleteAsync($"/api/keys/{keyId}"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await _host.Client().DeleteAsync($"/api/keys/{keyId}"), HttpStatusCode.Unauthorized);
        await HttpAssert.JsonAsync(await editor.GetAsync("/api/me"));

        var problem = await HttpAssert.ProblemAsync(await _admin.DeleteAsync("/api/keys/987654321"), HttpStatusCode.NotFound);
        Assert.Contains("987654321", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_active_admin_key_cannot_be_revoked()
    {
        var (secondAdminId, secondAdminKey) = await CreateKeyAsync("Second admin", "admin");
        var bootstrapId = Assert.Single(await KeysAsync(_admin), k => k.GetProperty("name").GetString() == "Bootstrap admin").GetProperty("keyId").GetInt64();
        using var secondAdmin = _host.Client(secondAdminKey);

        await HttpAssert.JsonAsync(await secondAdmin.DeleteAsync($"/api/keys/{bootstrapId}"));
        var problem = await HttpAssert.ProblemAsync(await secondAdmin.DeleteAsync($"/api/keys/{secondAdminId}"), HttpStatusCode.Conflict);
        Assert.Contains("last active admin key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await HttpAssert.JsonAsync(await secondAdmin.GetAsync("/api/me"));
    }
}
