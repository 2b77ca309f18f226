using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provenance.Cli.ImportHistory;

/// <summary>
/// <c>provenance import-history</c>: sends a file's git history to <c>POST /api/translations/{id}/history</c>,
/// so the import goes through the API's own validation, review rule and audit trail.
/// </summary>
public static class HistoryImportCommand
{
    /// <summary>The service keeps edit summaries up to this length; a longer commit message is cut.</summary>
    public const int MaxSummaryLength = 1000;

    public static object Body(IReadOnlyList<GitFileVersion> versions, bool publishWithoutReview) => new
    {
        revisions = versions.Select(v => new
        {
            text = v.Text,
            author = v.Author,
            authoredAt = v.AuthoredAt,
            summary = Summary(v),
        }),
        publishWithoutReview,
    };

    private static string Summary(GitFileVersion v)
    {
        var message = v.Message.Length == 0 ? $"Commit {v.Commit[..12]}" : v.Message;
        return message.Length <= MaxSummaryLength ? message : message[..(MaxSummaryLength - 1)] + "…";
    }

    /// <summary>Posts the history; returns the answer's status and body (the revision ids, or the problem).</summary>
    public static async Task<(bool Ok, string Body)> SendAsync(HttpClient client, long translationId, IReadOnlyList<GitFileVersion> versions, bool publishWithoutReview, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync($"api/translations/{translationId}/history", Body(versions, publishWithoutReview), ct);
        return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public static HttpClient Client(string api, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(api.EndsWith('/') ? api : api + "/") };
        if (!string.IsNullOrWhiteSpace(key))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static string Describe(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
