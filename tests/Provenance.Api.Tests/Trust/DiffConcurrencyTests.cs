using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Provenance.Api.Tests.Hosting;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>
/// Issue 15 item 8, as an attacker meets it on a real socket: a preview whose body never finishes holds one of
/// the slots, so with one slot every other preview is 429 at once, and the stalled one is stopped at the
/// deadline, freeing its slot. A test host has no sockets (its request bodies are in-memory), so this runs the
/// built service.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DiffConcurrencyTests(TestPostgres postgres)
{
    [Fact]
    public async Task A_stalled_preview_holds_the_only_slot_until_the_deadline_stops_it()
    {
        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = await postgres.CreateDatabaseAsync(),
            ["Provenance__RateLimit__DiffConcurrency"] = "1",
            ["Provenance__RateLimit__DiffTimeoutSeconds"] = "5",
            // The budget is out of reach here: a 429 can only come from the concurrency cap.
            ["Provenance__RateLimit__AnonymousDiffsPerMinute"] = "100000",
        });
        Assert.True(await api.ReadyOrExitedAsync(), api.Output);
        using var client = api.Client();

        using var stalled = new TcpClient();
        await stalled.ConnectAsync(api.Address.Host, api.Address.Port);
        var stream = stalled.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/diff HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"left\":\"a"));

        // The stalled request takes the slot as soon as its headers are read; until then a preview may still pass.
        var refused = await PreviewAsync(client);
        var attempts = 1;
        for (; refused.StatusCode == HttpStatusCode.OK && !stream.DataAvailable && attempts < 100; attempts++)
        {
            await Task.Delay(50);
            refused = await PreviewAsync(client);
        }

        if (stream.DataAvailable && refused.StatusCode == HttpStatusCode.OK)
        {
            Assert.Fail($"The stalled preview was answered before any other preview was refused ({attempts} tried):\n{await ReadResponseHeadAsync(stream)}");
        }

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());

        // The body never completes; the deadline answers for it with a problem, and the slot is free again.
        var answer = await ReadResponseHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 503", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.OrdinalIgnoreCase);

        // Its slot is released as its request ends, a moment after the answer is sent.
        var after = await PreviewAsync(client);
        for (var attempt = 1; after.StatusCode == HttpStatusCode.TooManyRequests && attempt < 100; attempt++)
        {
            await Task.Delay(50);
            after = await PreviewAsync(client);
        }

        await HttpAssert.JsonAsync(after);
    }

    private static Task<HttpResponseMessage> PreviewAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/diff", new { left = "Хрущев said", right = "Хрущёв said" });

    private static async Task<string> ReadResponseHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}
