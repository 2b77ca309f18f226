using System.Net;
using System.Net.Http.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>Issue 15 item 4: a key's public identifier is apart from its secret; no part of a secret is audited or served.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyDisclosureTests(WritePathHost host) : IClassFixture<WritePathHost>
{
    [Fact]
    public async Task The_public_audit_trail_and_key_list_hold_no_part_of_the_bootstrap_key_or_a_created_key()
    {
        using var admin = host.Client(ProvenanceApiFactory.BootstrapAdminKey);
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name = "Kim Editor", roles = new[] { "editor" } }), HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var publicId = created.GetProperty("prefix").GetString()!;
        // The key names its public identifier, then its secret; the identifier is not drawn from the secret.
        Assert.StartsWith(publicId + "_", key, StringComparison.Ordinal);
        var secret = key[(publicId.Length + 1)..];
        Assert.True(secret.Length >= 32);

        var audit = await (await host.Client().GetAsync("/api/audit?action=key.created&pageSize=500")).Content.ReadAsStringAsync();
        Assert.Contains("\"bootstrap\":true", audit, StringComparison.Ordinal);
        Secrets.AssertHoldsNoPartOf(ProvenanceApiFactory.BootstrapAdminKey, audit);
        Secrets.AssertHoldsNoPartOf(secret, audit);

        var listed = await (await admin.GetAsync("/api/keys")).Content.ReadAsStringAsync();
        Secrets.AssertHoldsNoPartOf(ProvenanceApiFactory.BootstrapAdminKey, listed);
        Secrets.AssertHoldsNoPartOf(secret, listed);
        Assert.Contains(publicId, listed, StringComparison.Ordinal);

        // The identifier alone is no key.
        using var guess = host.Client(publicId);
        await HttpAssert.ProblemAsync(await guess.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        using var holder = host.Client(key);
        await HttpAssert.JsonAsync(await holder.GetAsync("/api/me"));
    }
}

public static class Secrets
{
    /// <summary>No 8 consecutive characters of <paramref name="secret"/> appear in <paramref name="text"/>.</summary>
    public static void AssertHoldsNoPartOf(string secret, string text)
    {
        for (var i = 0; i + 8 <= secret.Length; i++)
        {
            Assert.False(text.Contains(secret.Substring(i, 8), StringComparison.Ordinal), $"'{secret.Substring(i, 8)}' of a secret is in: {text}");
        }
    }
}
