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
        await using var database = await postgres.CreateScratchDatabaseAsync();
        await using var api = ServiceProcess.StartBuilt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = database.ConnectionString,
            ["Provenance__RateLimit__DiffConcurrency"] = "1",
            ["Provenance__RateLimit__DiffTimeoutSeconds"] = "5",
            // The budget is out of reach here: a 429 can only come from the concurrency cap.
            ["Provenance__RateLimit__AnonymousDiffsPerMinute"] = "100000",
        });
        Assert.True(await api.ReadyOrExitedAsync(), api.Output);
        using var client = api.Client();

        // The server takes the stalled request and the previews in whatever order it reads them: a round in which a
        // preview took the slot first (the stalled one refused) proves nothing and is tried again.
        for (var round = 1; ; round++)
        {
            Assert.True(round <= 10, "No round saw a preview refused while the stalled one held the slot.");
            using var stalled = new TcpClient();
            await stalled.ConnectAsync(api.Address.Host, api.Address.Port);
            var stream = stalled.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "POST /api/diff HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"left\":\"a"));

            // Polls until a preview is refused or the stalled request is answered; the clock only catches a hang.
            using var hang = new CancellationTokenSource(ServiceProcess.StartTimeout);
            var refused = await PreviewAsync(client);
            while (refused.StatusCode == HttpStatusCode.OK && !stream.DataAvailable && !hang.IsCancellationRequested)
            {
                await Task.Delay(50);
                refused = await PreviewAsync(client);
            }

            if (refused.StatusCode != HttpStatusCode.TooManyRequests)
            {
                continue;
            }

            // The body never completes; the deadline answers for it with a problem.
            var answer = await ReadResponseHeadAsync(stream);
            if (answer.StartsWith("HTTP/1.1 429", StringComparison.Ordinal))
            {
                continue;
            }

            await HttpAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());
            Assert.StartsWith("HTTP/1.1 503", answer, StringComparison.Ordinal);
            Assert.Contains("application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
            break;
        }

        // Its slot is released as its request ends, a moment after the answer is sent: polled until then, however
        // long a loaded machine takes; the clock only catches a slot that is never freed.
        using var never = new CancellationTokenSource(ServiceProcess.StartTimeout);
        var after = await PreviewAsync(client);
        while (after.StatusCode == HttpStatusCode.TooManyRequests && !never.IsCancellationRequested)
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
        // Only a hang is caught here: the deadline under test is 5 s.
        using var hang = new CancellationTokenSource(ServiceProcess.StartTimeout);
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, hang.Token);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}
