using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provenance.Testing;

namespace Provenance.Api.Tests.Support;

public static class Keys
{
    /// <summary>Creates a contributor with <paramref name="roles"/> through the bootstrap admin key and returns a client using its key.</summary>
    public static async Task<HttpClient> CreateClientWithRolesAsync(this ProvenanceApiFactory api, params string[] roles)
    {
        var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProvenanceApiFactory.BootstrapAdminKey);
        var created = await HttpAssert.JsonAsync(
            await admin.PostAsJsonAsync("/api/keys", new { name = $"{string.Join('+', roles)} {Guid.NewGuid():N}", roles }), HttpStatusCode.Created);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        return client;
    }
}
