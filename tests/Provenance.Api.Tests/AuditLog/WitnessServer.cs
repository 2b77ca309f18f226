using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>
/// A real HTTP witness on a free port: keeps what is PUT to <c>/witness</c> and answers GET with the checkpoint it
/// holds (404 before the first); <see cref="Failing"/> makes it answer 503 to everything.
/// </summary>
public sealed class WitnessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WitnessServer(WebApplication app) => _app = app;

    /// <summary>Every PUT received: its content type and body.</summary>
    public ConcurrentQueue<(string? ContentType, string Body)> Puts { get; } = new();

    /// <summary>What GET answers; the last PUT body replaces it.</summary>
    public string? Held { get; set; }

    public bool Failing { get; set; }

    public string Url => _app.Urls.Single() + "/witness?token=secret";

    public static async Task<WitnessServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new WitnessServer(app);
        app.MapMethods("/witness", ["GET", "PUT"], async (HttpContext context) =>
        {
            if (server.Failing)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            if (HttpMethods.IsGet(context.Request.Method))
            {
                return server.Held is { } held ? Results.Text(held, "text/plain") : Results.NotFound();
            }

            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            server.Puts.Enqueue((context.Request.ContentType, body));
            server.Held = body;
            return Results.NoContent();
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
