using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Provenance.Testing;

/// <summary>API keys for tests: the bootstrap admin key every test host accepts, and keys it creates through <c>POST /api/keys</c>.</summary>
public static class Keys
{
    public const string BootstrapAdmin = ProvenanceApiFactory.BootstrapAdminKey;

    /// <summary>Creates a contributor with <paramref name="roles"/> through the bootstrap admin key and returns a client using its key.</summary>
    public static async Task<HttpClient> CreateClientWithRolesAsync(this ProvenanceApiFactory api, params string[] roles) =>
        api.ClientWithKey(await api.CreateKeyAsync($"{string.Join('+', roles)} {Guid.NewGuid():N}", roles));

    /// <summary>A client that sends <paramref name="key"/> as its bearer key (none when null).</summary>
    public static HttpClient ClientWithKey(this ProvenanceApiFactory api, string? key)
    {
        var client = api.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a contributor with <paramref name="roles"/> using the bootstrap admin key; returns the new key.</summary>
    public static async Task<string> CreateKeyAsync(this ProvenanceApiFactory api, string name, params string[] roles) =>
        (await api.CreateContributorAsync(name, roles)).Key;

    public static async Task<(long ContributorId, string Key)> CreateContributorAsync(this ProvenanceApiFactory api, string name, params string[] roles)
    {
        using var admin = api.ClientWithKey(BootstrapAdmin);
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name, roles }), HttpStatusCode.Created);
        return (created.GetProperty("contributorId").GetInt64(), created.GetProperty("key").GetString()!);
    }
}
