using System.Net;
using System.Net.Http.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>Issue 15 item 9: nosniff on API answers, a restrictive CSP on the HTML diff, a challenge on every 401.</summary>
[Collection(ApiCollection.Name)]
public sealed class HeaderTests(SeededApiHost host) : IClassFixture<SeededApiHost>
{
    [Theory]
    [InlineData("/api/documents")]
    [InlineData("/api/audit")]
    [InlineData("/api/documents/999999")]
    public async Task API_answers_say_nosniff(string url)
    {
        var response = await host.Api.CreateClient().GetAsync(url);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_html_diff_carries_a_policy_that_runs_and_loads_nothing()
    {
        var response = await host.Api.CreateClient().PostAsJsonAsync("/api/diff?format=html",
            new { left = "a <b>bold</b> claim", right = "a <script>alert(1)</script> claim" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/api/translations/1/text?revision=head", null)]
    [InlineData("/api/me", null)]
    [InlineData("/api/me", "pvk_00000000_not-a-key-at-all-not-a-key-at-all")]
    [InlineData("/api/keys", "Basic dXNlcjpwYXNz")]
    public async Task Every_401_carries_a_bearer_challenge(string url, string? authorization)
    {
        using var client = host.Api.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization.StartsWith("Basic", StringComparison.Ordinal) ? authorization : "Bearer " + authorization);
        }

        var response = await client.GetAsync(url);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }
}
